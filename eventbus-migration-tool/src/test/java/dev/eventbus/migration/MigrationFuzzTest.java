package dev.eventbus.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import dev.eventbus.migration.cli.MigrationCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Fuzzes {@code scan} and {@code migrate} with randomly damaged copies of the sample application:
 * truncations, deleted, duplicated and swapped tokens and lines, random bytes and invalid UTF-8,
 * unbalanced braces, quotes and comments, very long lines, empty files, mixed line endings, unicode
 * escapes and stray legacy snippets.
 *
 * <p>Each case is one seed; the tree it builds, and so the whole case, depends on nothing else. A
 * failure names its seed and the mutations it made; replay one case with {@code mvn -B verify -pl
 * eventbus-migration-tool -am -Dtest=MigrationFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dfuzz.seed=SEED}. {@code -Dfuzz.cases=N} runs more cases than the {@value #DEFAULT_CASES} (plus
 * the regression seeds) of the normal suite.
 *
 * <p>Per tree: the library scan and the CLI scan in every format, then {@code migrate --to compat}
 * and {@code --to native} (dry run, real run, second run) on fresh copies, and {@code --to native}
 * after {@code --to compat}. Asserted: nothing escapes (the CLI's exit code 3 is a crash), the exit
 * codes are the documented ones, exactly the files that do not parse are reported (by path) and are
 * left byte-identical, rewritten files still parse and differ from the original only on lines with
 * legacy code (the compat step only swaps the package name), unchanged files are byte-identical, no
 * temporary file is left, a second run changes nothing, and a file without a manual step holds no
 * Guava name any more as javac reads it (unicode escapes translated).
 */
class MigrationFuzzTest {

  private static final long BASE_SEED = 0x5EED_2026_0008L;
  private static final int DEFAULT_CASES = 12;

  private static final String GUAVA = LegacyApi.GUAVA.packageName();
  private static final String COMPAT = LegacyApi.COMPAT_GUAVA_PACKAGE;
  private static final List<String> SCAN_PACKAGES =
      Arrays.stream(LegacyApi.values()).map(LegacyApi::packageName).toList();
  private static final List<String> MIGRATE_PACKAGES =
      List.of(LegacyApi.VM_LEGACY.packageName(), GUAVA, COMPAT);

  /** What an original line changed by {@code --to native} must mention: legacy code. */
  private static final Pattern LEGACY_LINE =
      Pattern.compile("eventbus|EventBus|DomainEvent|Subscribe|AllowConcurrentEvents|post\\b");

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_$]+|\\s+|[^A-Za-z0-9_$\\s]");

  private static final String[] UNBALANCED = {
    "{", "}", "(", ")", "[", "\"", "'", "/*", "*/", "//", "\"\"\"", "<", ">", "@", ";", ",", ".",
    "\\", "`", "#"
  };

  private static final String[] SNIPPETS = {
    "import com.google.common.eventbus.EventBus;",
    "import com.google.common.eventbus.*;",
    "import static com.google.common.eventbus.EventBus.post;",
    "import vm.core.event.*;",
    "import dev.eventbus.compat.guava.Subscribe;",
    "com.google.common.eventbus.EventBus",
    "com.google.common.eventbus",
    "vm.core.event.DomainEventBus.getInstance()",
    "@Subscribe",
    "@AllowConcurrentEvents",
    "@com.google.common.eventbus.Subscribe",
    "new EventBus()",
    "new com.google.common.eventbus.EventBus(\"x\")",
    "bus.post(event);",
    "bus::post",
    "EventBus bus = new EventBus();",
    "void on(DeadEvent e) {}",
    "implements vm.core.event.DomainEvent",
    "throws vm.core.event.VmException",
    "com . google . common . eventbus . EventBus",
    "com.google/* c */.common.eventbus.EventBus",
    "record R(EventBus bus) {}",
    "enum E { A; @Subscribe void on(Object o) {} }",
    "var b = new EventBus(); b.post(1);",
  };

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Map<String, byte[]> SAMPLE = readSample();

  /**
   * Seeds that found a bug, run first on every build. 5000221: a Guava import whose only mention of
   * the package had a letter written as a unicode escape was skipped, so the file silently stayed
   * on Guava (fixed: such files are parsed and left for a person).
   */
  private static final long[] REGRESSION_SEEDS = {5_000_221L};

  @TempDir Path work;

  @TestFactory
  Stream<DynamicTest> mutatedSampleTrees() {
    Long only = Long.getLong("fuzz.seed");
    LongStream seeds =
        only != null
            ? LongStream.of(only)
            : LongStream.concat(
                LongStream.of(REGRESSION_SEEDS),
                LongStream.range(0, Integer.getInteger("fuzz.cases", DEFAULT_CASES))
                    .map(i -> BASE_SEED + i));
    return seeds.mapToObj(
        seed -> dynamicTest("seed " + seed, () -> runCase(seed, work.resolve("case-" + seed))));
  }

  /** Builds the tree of one seed and checks every command on it; the seed is in every failure. */
  static void runCase(long seed, Path dir) {
    List<String> log = new ArrayList<>();
    try {
      Map<String, byte[]> tree = mutatedTree(new SplittableRandom(seed), log);
      checkTree(dir, tree);
    } catch (Throwable t) {
      throw new AssertionError(
          "fuzz case seed="
              + seed
              + " (replay: -Dtest=MigrationFuzzTest -Dsurefire.failIfNoSpecifiedTests=false"
              + " -Dfuzz.seed="
              + seed
              + "), mutations "
              + log
              + ": "
              + t,
          t);
    }
  }

  /** Checks every command on one tree. Package-private so regression tests can call it. */
  static void checkTree(Path dir, Map<String, byte[]> tree) throws IOException {
    checkScan(dir.resolve("scan"), tree);
    for (MigrationTarget target : MigrationTarget.values()) {
      checkMigrate(dir.resolve(target.name().toLowerCase(Locale.ROOT)), tree, target);
    }
  }

  // ------------------------------------------------------------------------------ scan

  private static void checkScan(Path dir, Map<String, byte[]> tree) throws IOException {
    Path src = write(dir.resolve("src"), tree);
    Set<String> expectedErrors = expectedErrors(tree, SCAN_PACKAGES);

    MigrationReport report = MigrationHelper.checkCompatibility(src);

    assertThat(report.filesScanned()).as("files scanned").isEqualTo(tree.size());
    assertThat(errorFiles(report.parseErrors())).as("scan parse errors").isEqualTo(expectedErrors);
    for (Finding finding : report.findings()) {
      assertThat(finding.file()).as("finding in a file that did not parse").isNotIn(expectedErrors);
      assertThat(tree).as("finding in an unknown file").containsKey(finding.file());
      assertThat(finding.line()).as("finding line").isPositive();
      assertThat(finding.column()).as("finding column").isPositive();
    }
    assertOnDisk(src, tree, "after scan");

    boolean failOnFindings = tree.size() % 2 == 0;
    for (String format : List.of("text", "json", "markdown", "sarif")) {
      List<String> args = new ArrayList<>(List.of("scan", src.toString(), "--format", format));
      args.add("--no-progress");
      Path output = dir.resolve("report." + format);
      if (!format.equals("text")) {
        args.addAll(List.of("--output", output.toString()));
      }
      if (failOnFindings) {
        args.add("--fail-on-findings");
      }
      Cli cli = Cli.run(args);
      int expectedExit =
          !failOnFindings
              ? 0
              : report.hasFindings()
                  ? 1
                  : expectedErrors.isEmpty() ? 0 : MigrationCli.EXIT_NOT_PARSED;
      cli.assertExit(expectedExit);
      String rendered = format.equals("text") ? cli.out : Files.readString(output);
      for (String file : expectedErrors) {
        assertThat(rendered).as(format + " report names the parse error").contains(file);
      }
      if (format.equals("json")) {
        JsonNode json = JSON.readTree(rendered);
        assertThat(json.get("parseErrors")).as("json parseErrors").hasSize(expectedErrors.size());
        assertThat(json.get("findings")).as("json findings").hasSize(report.findings().size());
        assertThat(json.get("filesScanned").asInt()).isEqualTo(tree.size());
      } else if (format.equals("sarif")) {
        assertThat(JSON.readTree(rendered).get("runs")).as("sarif runs").hasSize(1);
      }
      assertOnDisk(src, tree, "after scan --format " + format);
    }
  }

  // ------------------------------------------------------------------------------ migrate

  private static void checkMigrate(Path dir, Map<String, byte[]> tree, MigrationTarget target)
      throws IOException {
    Path src = write(dir.resolve("src"), tree);
    Set<String> expectedErrors = expectedErrors(tree, MIGRATE_PACKAGES);
    String to = target.name().toLowerCase(Locale.ROOT);
    MigrationOptions options = MigrationOptions.to(target);

    MigrationResult dry = MigrationHelper.migrateCode(src, options.asDryRun());

    assertThat(dry.filesScanned()).as("files scanned").isEqualTo(tree.size());
    assertThat(errorFiles(dry.parseErrors())).as("migrate parse errors").isEqualTo(expectedErrors);
    assertOnDisk(src, tree, "after the library dry run");
    Map<String, byte[]> after = new TreeMap<>(tree);
    for (FileChange change : dry.changes()) {
      checkChange(change, tree, expectedErrors);
      after.put(change.file(), change.after().getBytes(StandardCharsets.UTF_8));
    }
    int expectedExit = dry.isComplete() ? 0 : 1;

    Path diff = dir.resolve("changes.diff");
    Cli dryCli =
        Cli.run(
            "migrate",
            src.toString(),
            "--to",
            to,
            "--dry-run",
            "--diff",
            diff.toString(),
            "--fail-on-manual",
            "--no-progress");
    dryCli.assertExit(expectedExit);
    assertOnDisk(src, tree, "after migrate --dry-run");
    assertThat(Files.readString(diff)).as("--diff").isEqualTo(dry.unifiedDiff());
    for (String file : expectedErrors) {
      assertThat(dryCli.out).as("migrate output names the parse error").contains(file);
    }

    Cli real = Cli.run("migrate", src.toString(), "--to", to, "--no-progress");
    real.assertExit(0);
    assertOnDisk(src, after, "after migrate --to " + to + " (unchanged files and rewritten ones)");
    assertNoSilentGuavaLeft(after, dry, expectedErrors);

    MigrationResult again = MigrationHelper.migrateCode(src, options);
    assertThat(again.changes()).as("a second migrate --to " + to + " changes nothing").isEmpty();
    assertThat(errorFiles(again.parseErrors())).as("second run errors").isEqualTo(expectedErrors);
    assertOnDisk(src, after, "after a second migrate --to " + to);

    if (target == MigrationTarget.COMPAT) {
      MigrationResult nativeAfterCompat =
          MigrationHelper.migrateCode(src, MigrationOptions.to(MigrationTarget.NATIVE));
      assertThat(errorFiles(nativeAfterCompat.parseErrors()))
          .as("native after compat: errors")
          .isEqualTo(expectedErrors);
      for (FileChange change : nativeAfterCompat.changes()) {
        checkChange(change, after, expectedErrors);
        after.put(change.file(), change.after().getBytes(StandardCharsets.UTF_8));
      }
      assertOnDisk(src, after, "after migrate --to native following --to compat");
      assertThat(MigrationHelper.migrateCode(src, options.asDryRun()).changes())
          .as("compat after native")
          .isEmpty();
    }
  }

  /** A planned change: from a file that parsed, as read, still parsing, edited only where due. */
  private static void checkChange(
      FileChange change, Map<String, byte[]> tree, Set<String> expectedErrors) {
    String file = change.file();
    assertThat(file).as("a file that did not parse was changed").isNotIn(expectedErrors);
    byte[] original = tree.get(file);
    assertThat(original).as("change to an unknown file " + file).isNotNull();
    assertThat(change.before().getBytes(StandardCharsets.UTF_8))
        .as("text read from " + file)
        .isEqualTo(original);
    assertThat(change.after()).as("changed text of " + file).isNotEqualTo(change.before());
    assertThat(parses(change.after()))
        .as("%s no longer parses after the rewrite:%n%s", file, change.after())
        .isTrue();
    if (change.target() == MigrationTarget.COMPAT) {
      assertThat(onlyPackageSwapped(change.before(), change.after()))
          .as("the compat step changed more than package names in %s", file)
          .isTrue();
    } else {
      List<String> before = change.before().lines().toList();
      List<String> after = change.after().lines().toList();
      for (AbstractDelta<String> delta : DiffUtils.diff(before, after).getDeltas()) {
        List<String> touched =
            delta.getSource().getLines().isEmpty()
                ? delta.getTarget().getLines()
                : delta.getSource().getLines();
        for (String line : touched) {
          assertThat(line.isBlank() || LEGACY_LINE.matcher(line).find())
              .as("--to native changed a line without legacy code in %s: %s", file, delta)
              .isTrue();
        }
      }
    }
  }

  /**
   * Both steps move every Guava name to compat or native, or say why not: a file that parsed and
   * has no manual step holds no Guava name as javac reads it (unicode escapes translated).
   */
  private static void assertNoSilentGuavaLeft(
      Map<String, byte[]> after, MigrationResult result, Set<String> errors) {
    Set<String> withManualSteps = new TreeSet<>();
    result.manualSteps().forEach(step -> withManualSteps.add(step.file()));
    after.forEach(
        (file, bytes) -> {
          String text = decode(bytes);
          if (text == null || errors.contains(file) || withManualSteps.contains(file)) {
            return;
          }
          assertThat(guavaNamesAsJavacReadsThem(text))
              .as("Guava names left in %s without a manual step:%n%s", file, text)
              .isEmpty();
        });
  }

  private static List<String> guavaNamesAsJavacReadsThem(String text) {
    ParserConfiguration config =
        new ParserConfiguration()
            .setLanguageLevel(ParserConfiguration.LanguageLevel.RAW)
            .setAttributeComments(false)
            .setPreprocessUnicodeEscapes(true);
    CompilationUnit unit;
    try {
      unit = new JavaParser(config).parse(text).getResult().orElse(null);
    } catch (RuntimeException | StackOverflowError e) {
      return List.of();
    }
    if (unit == null) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    unit.findAll(ImportDeclaration.class).forEach(i -> names.add(i.getNameAsString()));
    unit.findAll(ClassOrInterfaceType.class).forEach(t -> names.add(t.getNameWithScope()));
    unit.findAll(AnnotationExpr.class).forEach(a -> names.add(a.getNameAsString()));
    unit.findAll(FieldAccessExpr.class).forEach(f -> names.add(f.toString()));
    return names.stream()
        .filter(name -> name.equals(GUAVA) || name.startsWith(GUAVA + "."))
        .distinct()
        .toList();
  }

  /** Whether {@code after} is {@code before} with some Guava package names made compat ones. */
  static boolean onlyPackageSwapped(String before, String after) {
    int i = 0;
    int j = 0;
    while (i < before.length() && j < after.length()) {
      if (before.charAt(i) == after.charAt(j)) {
        i++;
        j++;
      } else if (before.startsWith(GUAVA, i) && after.startsWith(COMPAT, j)) {
        i += GUAVA.length();
        j += COMPAT.length();
      } else {
        return false;
      }
    }
    return i == before.length() && j == after.length();
  }

  // ------------------------------------------------------------------------------ oracle

  /**
   * The files the tool must report: not UTF-8, or naming one of {@code packages} and unparsable.
   */
  private static Set<String> expectedErrors(Map<String, byte[]> tree, List<String> packages) {
    Set<String> errors = new TreeSet<>();
    tree.forEach(
        (file, bytes) -> {
          String text = decode(bytes);
          if (text == null || (mentions(text, packages) && !parses(text))) {
            errors.add(file);
          }
        });
    return errors;
  }

  /**
   * Whether the tool parses a file at all: it names one of {@code packages}, or (migrate only) does
   * once its unicode escapes are translated.
   */
  private static boolean mentions(String text, List<String> packages) {
    return packages.stream().anyMatch(text::contains)
        || (packages == MIGRATE_PACKAGES
            && packages.stream().anyMatch(SourceText.translateUnicodeEscapes(text)::contains));
  }

  private static @Nullable String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Whether JavaParser, configured as the tool configures it, parses {@code text}. */
  static boolean parses(String text) {
    ParserConfiguration config =
        new ParserConfiguration()
            .setLanguageLevel(ParserConfiguration.LanguageLevel.RAW)
            .setAttributeComments(false);
    try {
      return new JavaParser(config).parse(text).isSuccessful();
    } catch (RuntimeException | StackOverflowError e) {
      return false;
    }
  }

  private static Set<String> errorFiles(List<ParseError> errors) {
    Set<String> files = new TreeSet<>();
    for (ParseError error : errors) {
      assertThat(error.message()).as("message of the parse error of " + error.file()).isNotBlank();
      files.add(error.file());
    }
    assertThat(files).as("each parse error once").hasSize(errors.size());
    return files;
  }

  // ------------------------------------------------------------------------------ files

  private static Map<String, byte[]> readSample() {
    Path root = SampleApp.root();
    Map<String, byte[]> files = new TreeMap<>();
    for (Path file : SampleApp.sourceFiles(root)) {
      try {
        files.put(root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  private static Path write(Path root, Map<String, byte[]> tree) throws IOException {
    for (Map.Entry<String, byte[]> entry : tree.entrySet()) {
      Path file = root.resolve(entry.getKey());
      Files.createDirectories(file.getParent());
      Files.write(file, entry.getValue());
    }
    Files.createDirectories(root);
    return root;
  }

  /** Every file under {@code root} holds exactly the bytes of {@code expected}, and no other. */
  private static void assertOnDisk(Path root, Map<String, byte[]> expected, String when)
      throws IOException {
    Map<String, byte[]> actual = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        actual.put(root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
      }
    }
    assertThat(actual.keySet()).as("files on disk " + when).isEqualTo(expected.keySet());
    for (Map.Entry<String, byte[]> entry : expected.entrySet()) {
      assertThat(actual.get(entry.getKey()))
          .as("bytes of %s %s", entry.getKey(), when)
          .isEqualTo(entry.getValue());
    }
  }

  // ------------------------------------------------------------------------------ mutation

  /**
   * A tree of sample files, some mutated: usually a few files (cheap), sometimes all of them (so
   * that files are weighed together), sometimes with an extra empty file.
   */
  static Map<String, byte[]> mutatedTree(RandomGenerator random, List<String> log) {
    List<String> names = new ArrayList<>(SAMPLE.keySet());
    Map<String, byte[]> tree = new TreeMap<>();
    if (random.nextInt(8) == 0) {
      tree.putAll(SAMPLE);
    } else {
      int count = 2 + random.nextInt(4);
      for (int i = 0; i < count; i++) {
        String name = names.get(random.nextInt(names.size()));
        tree.put(name, SAMPLE.get(name));
      }
    }
    List<String> chosen = new ArrayList<>(tree.keySet());
    int mutatedFiles = 1 + random.nextInt(Math.min(4, chosen.size()));
    for (int i = 0; i < mutatedFiles; i++) {
      String name = chosen.get(random.nextInt(chosen.size()));
      String text = new String(tree.get(name), StandardCharsets.ISO_8859_1);
      int mutations = 1 + random.nextInt(3);
      for (int m = 0; m < mutations; m++) {
        text = mutate(random, text, name, log);
      }
      tree.put(name, text.getBytes(StandardCharsets.ISO_8859_1));
    }
    if (random.nextInt(8) == 0) {
      tree.put("com/acme/shop/Empty.java", new byte[0]);
      log.add("com/acme/shop/Empty.java: empty");
    }
    return tree;
  }

  /**
   * One mutation of a file's bytes, held as an ISO-8859-1 string (one char per byte), so that
   * invalid UTF-8 survives and a cut may split a multi-byte character.
   */
  private static String mutate(RandomGenerator random, String s, String name, List<String> log) {
    int kind = random.nextInt(20);
    String what;
    String result;
    switch (kind) {
      case 0 -> {
        int at = random.nextInt(s.length() + 1);
        what = "truncate at " + at;
        result = s.substring(0, at);
      }
      case 1, 2, 3 -> {
        List<int[]> tokens = tokens(s);
        if (tokens.size() < 2) {
          return s;
        }
        int[] a = tokens.get(random.nextInt(tokens.size()));
        int[] b = tokens.get(random.nextInt(tokens.size()));
        if (kind == 1) {
          what = "delete token at " + a[0];
          result = s.substring(0, a[0]) + s.substring(a[1]);
        } else if (kind == 2) {
          what = "duplicate token at " + a[0];
          result = s.substring(0, a[1]) + s.substring(a[0], a[1]) + s.substring(a[1]);
        } else {
          int[] first = a[0] <= b[0] ? a : b;
          int[] second = a[0] <= b[0] ? b : a;
          if (first == second || first[1] > second[0]) {
            return s;
          }
          what = "swap tokens at " + first[0] + " and " + second[0];
          result =
              s.substring(0, first[0])
                  + s.substring(second[0], second[1])
                  + s.substring(first[1], second[0])
                  + s.substring(first[0], first[1])
                  + s.substring(second[1]);
        }
      }
      case 4, 5, 6 -> {
        List<String> lines = new ArrayList<>(Arrays.asList(s.split("(?<=\n)", -1)));
        int a = random.nextInt(lines.size());
        int b = random.nextInt(lines.size());
        if (kind == 4) {
          what = "delete line " + (a + 1);
          lines.remove(a);
        } else if (kind == 5) {
          what = "duplicate line " + (a + 1);
          lines.add(a, lines.get(a));
        } else {
          what = "swap lines " + (a + 1) + " and " + (b + 1);
          String line = lines.get(a);
          lines.set(a, lines.get(b));
          lines.set(b, line);
        }
        result = String.join("", lines);
      }
      case 7 -> {
        byte[] bytes = new byte[1 + random.nextInt(8)];
        random.nextBytes(bytes);
        int at = random.nextInt(s.length() + 1);
        what = "insert random bytes " + Arrays.toString(bytes) + " at " + at;
        result = insert(s, at, new String(bytes, StandardCharsets.ISO_8859_1));
      }
      case 8 -> {
        String[] invalid = {"\u00ff", "\u00c3", "\u00ed\u00a0\u0080", "\u00c0\u00af", "\u0080"};
        String bad = invalid[random.nextInt(invalid.length)];
        int at = random.nextInt(s.length() + 1);
        what = "insert invalid UTF-8 at " + at;
        result = insert(s, at, bad);
      }
      case 9 -> {
        String piece = UNBALANCED[random.nextInt(UNBALANCED.length)];
        int at = tokenBoundary(random, s);
        what = "insert '" + piece + "' at " + at;
        result = insert(s, at, piece);
      }
      case 10 -> {
        int length = 2_000 + random.nextInt(20_000);
        String[] shapes = {"// ", "/* ", "String s = \"", "int x", ""};
        String shape = shapes[random.nextInt(shapes.length)];
        String line = shape + "a".repeat(length) + (shape.equals("/* ") ? " */" : "");
        int at = lineStart(random, s);
        what = "insert a line of " + line.length() + " chars (" + shape.strip() + ") at " + at;
        result = insert(s, at, line + "\n");
      }
      case 11 -> {
        what = "empty";
        result = "";
      }
      case 12 -> {
        StringBuilder out = new StringBuilder(s.length() + 64);
        String[] endings = {"\n", "\r\n", "\r"};
        String[] lines = s.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
          if (i > 0) {
            out.append(endings[random.nextInt(endings.length)]);
          }
          out.append(lines[i]);
        }
        what = "mix line endings";
        result = out.toString();
      }
      case 13 -> {
        String snippet = SNIPPETS[random.nextInt(SNIPPETS.length)];
        int at = random.nextBoolean() ? tokenBoundary(random, s) : lineStart(random, s);
        what = "insert '" + snippet + "' at " + at;
        result = insert(s, at, snippet);
      }
      case 14 -> {
        String[] unicode = {
          "\ufeff",
          "\\u0041",
          "\\u000a",
          "\\u007b",
          "\t",
          "\f",
          "\u0000",
          "caf\u00e9",
          "\ud83d\ude00"
        };
        String piece = unicode[random.nextInt(unicode.length)];
        int at = piece.equals("\ufeff") ? 0 : tokenBoundary(random, s);
        what = "insert " + piece.codePoints().mapToObj(Integer::toHexString).toList() + " at " + at;
        result = insert(s, at, utf8AsLatin1(piece));
      }
      case 15 -> {
        what = "join all lines";
        result = s.replace("\r", "").replace("\n", " ");
      }
      case 16, 17, 18 -> {
        // One character of a legacy name written as a unicode escape, as javac allows.
        String[] names = {"EventBus", "Subscribe", "post", "vm.core.event", "DomainEvent"};
        String target = random.nextBoolean() ? GUAVA : names[random.nextInt(names.length)];
        List<Integer> hits = new ArrayList<>();
        for (int i = s.indexOf(target); i >= 0; i = s.indexOf(target, i + 1)) {
          hits.add(i);
        }
        if (hits.isEmpty()) {
          return s;
        }
        int at = hits.get(random.nextInt(hits.size())) + random.nextInt(target.length());
        String escape = String.format(Locale.ROOT, "\\u%04x", (int) s.charAt(at));
        what = "escape " + target + " at " + at + " as " + escape;
        result = s.substring(0, at) + escape + s.substring(at + 1);
      }
      default -> {
        // A legacy name with its dots spread out or its package cut, where a rewrite would go.
        String target = random.nextBoolean() ? GUAVA : "EventBus";
        List<Integer> hits = new ArrayList<>();
        for (int i = s.indexOf(target); i >= 0; i = s.indexOf(target, i + 1)) {
          hits.add(i);
        }
        if (hits.isEmpty()) {
          return s;
        }
        int at = hits.get(random.nextInt(hits.size())) + random.nextInt(target.length());
        String[] pieces = {" ", "\n", "/**/", "\r\n", "\\u002e"};
        String piece = pieces[random.nextInt(pieces.length)];
        what = "split " + target + " at " + at + " with " + piece.replace("\n", "\\n");
        result = insert(s, at, piece);
      }
    }
    log.add(name + ": " + what.replace("\r", "\\r").replace("\n", "\\n"));
    return result;
  }

  private static String insert(String s, int at, String piece) {
    return s.substring(0, at) + piece + s.substring(at);
  }

  private static String utf8AsLatin1(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  private static List<int[]> tokens(String s) {
    List<int[]> tokens = new ArrayList<>();
    Matcher m = TOKEN.matcher(s);
    while (m.find()) {
      tokens.add(new int[] {m.start(), m.end()});
    }
    return tokens;
  }

  private static int tokenBoundary(RandomGenerator random, String s) {
    List<int[]> tokens = tokens(s);
    return tokens.isEmpty() ? 0 : tokens.get(random.nextInt(tokens.size()))[0];
  }

  private static int lineStart(RandomGenerator random, String s) {
    List<Integer> starts = new ArrayList<>(List.of(0));
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        starts.add(i + 1);
      }
    }
    return starts.get(random.nextInt(starts.size()));
  }

  // ------------------------------------------------------------------------------ CLI

  /** One in-process run of the command line. */
  private record Cli(List<String> args, int exit, String out, String err) {

    static Cli run(String... args) {
      return run(List.of(args));
    }

    static Cli run(List<String> args) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cli = MigrationCli.newCommandLine();
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));
      int exit = cli.execute(args.toArray(new String[0]));
      return new Cli(args, exit, out.toString(), err.toString());
    }

    void assertExit(int expected) {
      assertThat(exit)
          .as("exit code of %s (3 is a crash); stderr:%n%s", args, err)
          .isEqualTo(expected);
    }
  }
}
