package dev.eventbus.migration;

import com.github.difflib.DiffUtils;
import dev.eventbus.rewrite.TreeMigration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Migrates a tree: finds the files that use a legacy API and what in them needs a person (in
 * parallel, with the scan's parser), runs the step's OpenRewrite recipes of {@code
 * eventbus-rewrite} on the whole tree, attributed against the tool's own class path ({@link
 * ParserClasspath}), then writes the files the recipes changed.
 *
 * <p>The recipes decide which file moves where, on the compiler's types: the same result as {@code
 * mvn rewrite:run} with the same recipes (docs/migration.md). A file they keep on the compat step
 * or leave alone is reported with their reason when its own uses do not already say why.
 */
final class Migrator {

  /** The packages whose mention makes a file worth parsing; the compat shim counts as Guava. */
  static final List<String> LEGACY_PACKAGES =
      List.of(
          LegacyApi.VM_LEGACY.packageName(),
          LegacyApi.GUAVA.packageName(),
          LegacyApi.COMPAT_GUAVA_PACKAGE);

  /** The recipes' decision for a file that neither step touches. */
  private static final String UNCHANGED = "UNCHANGED";

  /** Writes one file; {@link AtomicFiles#write} but in tests. */
  @FunctionalInterface
  interface Writer {
    void write(Path file, String content) throws IOException;
  }

  private final int threads;
  private final Writer writer;

  Migrator(int threads) {
    this(threads, AtomicFiles::write);
  }

  Migrator(int threads, Writer writer) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + threads);
    }
    this.threads = threads;
    this.writer = Objects.requireNonNull(writer, "writer");
  }

  MigrationResult migrate(Path root, MigrationOptions options, ScanListener listener)
      throws IOException {
    Path base = root.toAbsolutePath().normalize();
    boolean includeNative = options.target() == MigrationTarget.NATIVE;
    List<Path> files = SourceFiles.list(base);
    List<Planned> planned =
        SourceFiles.map(files, threads, file -> plan(base, file, includeNative), listener);

    List<ParseError> errors = new ArrayList<>();
    Map<String, FilePlan> plans = new TreeMap<>();
    Map<Path, String> texts = new LinkedHashMap<>();
    for (int i = 0; i < files.size(); i++) {
      String text = planned.get(i).source();
      if (text != null) {
        texts.put(files.get(i), text);
      }
    }
    for (Planned p : planned) {
      if (p.error() != null) {
        errors.add(p.error());
      } else if (p.plan() != null && p.plan().hasUses()) {
        plans.put(p.plan().file(), p.plan());
      }
    }
    // What moves and how is the recipes' decision, on trees the compiler attributed; the plans
    // above give the parse errors and the line-by-line account of what is left for a person.
    TreeMigration.Outcome outcome =
        plans.isEmpty()
            ? new TreeMigration.Outcome(Map.of(), Map.of(), Map.of(), Map.of(), Set.of())
            : TreeMigration.run(
                base,
                texts,
                parserClasspath(options),
                includeNative ? TreeMigration.Step.NATIVE : TreeMigration.Step.COMPAT);
    Set<String> notParsed = new HashSet<>();
    errors.forEach(e -> notParsed.add(e.file()));
    for (Map.Entry<String, String> e : outcome.notParsed().entrySet()) {
      FilePlan plan = plans.get(e.getKey());
      // A file the tool leaves alone anyway says why in its own manual step.
      if (plan != null && !plan.leftAlone() && notParsed.add(e.getKey())) {
        errors.add(new ParseError(e.getKey(), "the type-attributing parser: " + e.getValue()));
      }
    }

    List<FileChange> changes = new ArrayList<>();
    List<ManualStep> manual = new ArrayList<>();
    for (FilePlan plan : plans.values()) {
      if (!notParsed.contains(plan.file())) {
        manual.addAll(manualSteps(plan, outcome, includeNative));
      }
    }
    Set<String> touched = new TreeSet<>(outcome.changed().keySet());
    touched.addAll(plans.keySet());
    for (String file : touched) {
      FilePlan plan = plans.get(file);
      if (notParsed.contains(file) || (plan != null && plan.leftAlone())) {
        continue;
      }
      TreeMigration.Decision decision = outcome.decisions().get(file);
      String recipe = outcome.changed().get(file);
      boolean nativeStep = includeNative && decision == null;
      FileChange change;
      if (plan == null) {
        // No legacy name in the file, yet the recipes changed it: a call on a bus another file
        // declares (post on an inherited field), which moves with that declaration.
        String before = texts.get(base.resolve(file));
        change = before == null ? null : change(file, nativeStep, before, recipe);
      } else if (decision != null && decision.decision().equals(UNCHANGED)) {
        continue;
      } else if (nativeStep || outcome.renamedCalls().contains(file)) {
        // A native file, or one kept on compat whose calls on a bus another file declares were
        // renamed with that declaration: the recipe's text, imports in the file's order.
        change =
            change(
                file,
                nativeStep,
                plan.source(),
                recipe == null ? null : ImportRelayout.of(plan.source(), recipe));
      } else {
        // The compat step renames a package and nothing else: its text is spliced at the scan
        // parser's positions, byte for byte outside the names, imports in the file's order.
        change =
            change(
                file,
                false,
                plan.source(),
                plan.compatEdits().isEmpty()
                    ? null
                    : new SourceText(plan.source()).apply(plan.compatEdits()));
        if (change != null) {
          change =
              new FileChange(
                  file,
                  change.target(),
                  plan.compatEdits().size(),
                  change.before(),
                  change.after());
        }
      }
      if (change != null) {
        changes.add(change);
      }
    }
    changes.sort(Comparator.comparing(FileChange::file));
    manual.sort(
        Comparator.comparing(ManualStep::file)
            .thenComparingInt(ManualStep::line)
            .thenComparingInt(ManualStep::column)
            .thenComparing(ManualStep::reason));
    errors.sort(Comparator.comparing(ParseError::file));
    if (!options.dryRun()) {
      write(base, changes);
    }
    return new MigrationResult(base, options, files.size(), changes, manual, errors);
  }

  /** The tool's own class path, then the user's entries. */
  private static List<Path> parserClasspath(MigrationOptions options) {
    List<Path> entries = new ArrayList<>(ParserClasspath.entries());
    options.classpath().forEach(entry -> entries.add(entry.toAbsolutePath()));
    return entries;
  }

  private static @Nullable FileChange change(
      String file, boolean nativeStep, String before, @Nullable String after) {
    if (after == null || after.equals(before)) {
      return null;
    }
    return new FileChange(
        file,
        nativeStep ? MigrationTarget.NATIVE : MigrationTarget.COMPAT,
        DiffUtils.diff(before.lines().toList(), after.lines().toList()).getDeltas().size(),
        before,
        after);
  }

  /**
   * What is left for a person in one file: the uses the step cannot rewrite, each at its line; for
   * a file the recipes did not move to the target and whose own uses do not say why, their reason
   * for the whole file; and a type the compiler could not attribute in it.
   */
  private static List<ManualStep> manualSteps(
      FilePlan plan, TreeMigration.Outcome outcome, boolean includeNative) {
    List<ManualStep> steps = new ArrayList<>(plan.compatProblems());
    TreeMigration.Decision decision = outcome.decisions().get(plan.file());
    if (!includeNative && decision != null && !decision.decision().equals(UNCHANGED)) {
      decision = null; // why it would not take the native step: not this step's concern
    }
    if (includeNative && decision == null && !plan.leftAlone()) {
      steps.addAll(plan.nativeLeftovers());
    } else if (includeNative) {
      steps.addAll(plan.nativeBlockers());
    }
    if (decision != null && steps.isEmpty()) {
      steps.add(new ManualStep(plan.file(), 0, 0, plan.file(), decision.reason()));
    }
    String unattributed = outcome.unattributed().get(plan.file());
    if (unattributed != null) {
      steps.add(
          new ManualStep(
              plan.file(),
              0,
              0,
              plan.file(),
              "the compiler could not attribute a type here ("
                  + unattributed
                  + "): its class is not on the tool's class path, so what depends on it was"
                  + " left where it is; check the file by hand"));
    }
    return steps;
  }

  private static Planned plan(Path base, Path file, boolean includeNative) {
    SourceFiles.Loaded loaded = SourceFiles.load(base, file, Migrator::mayMentionLegacyApi);
    if (loaded.error() != null) {
      return new Planned(null, loaded.error(), loaded.source());
    }
    if (loaded.unit() == null || loaded.source() == null) {
      return new Planned(null, null, loaded.source());
    }
    try {
      return new Planned(
          FilePlanner.plan(loaded.file(), loaded.source(), loaded.unit(), includeNative),
          null,
          loaded.source());
    } catch (RuntimeException e) {
      // A parser position that does not map back onto the text: leave the file alone, say so.
      return new Planned(
          null, new ParseError(loaded.file(), "cannot plan edits: " + e), loaded.source());
    }
  }

  /**
   * Whether a file can use a legacy API: it names one of the packages, or does once its unicode
   * escapes are translated as javac translates them (a dot may be written as an escape).
   */
  static boolean mayMentionLegacyApi(String source) {
    return SourceFiles.mentionsAny(source, LEGACY_PACKAGES)
        || (source.contains("\\u")
            && SourceFiles.mentionsAny(
                SourceText.translateUnicodeEscapes(source), LEGACY_PACKAGES));
  }

  /**
   * Writes each change atomically. First every target is checked: that it can be written (the file
   * and its directory) and still holds what was read; if any fails, nothing is written. A write
   * that fails after that stops the run, which then names the files rewritten and those not.
   *
   * @throws MigrationWriteException if a file could not be written
   */
  private void write(Path base, List<FileChange> changes) throws MigrationWriteException {
    List<String> files = changes.stream().map(FileChange::file).toList();
    Map<String, String> unwritable = new LinkedHashMap<>();
    for (FileChange change : changes) {
      Path file = base.resolve(change.file());
      AtomicFiles.unwritableReason(file)
          .or(() -> changedSinceRead(file, change))
          .ifPresent(reason -> unwritable.put(change.file(), reason));
    }
    if (!unwritable.isEmpty()) {
      throw MigrationWriteException.refused(base, unwritable, files);
    }
    for (int i = 0; i < changes.size(); i++) {
      FileChange change = changes.get(i);
      Path file = base.resolve(change.file());
      try {
        Optional<String> changed = changedSinceRead(file, change);
        if (changed.isPresent()) {
          throw new FileSystemException(file.toString(), null, changed.get());
        }
        writer.write(file, change.after());
      } catch (IOException e) {
        throw MigrationWriteException.stopped(
            base,
            change.file(),
            AtomicFiles.reason(e),
            files.subList(0, i),
            files.subList(i, files.size()),
            e);
      }
    }
  }

  /** Why {@code file} no longer holds what the change was planned on, if it does not. */
  private static Optional<String> changedSinceRead(Path file, FileChange change) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).equals(change.before())
          ? Optional.empty()
          : Optional.of("changed on disk while it was being migrated");
    } catch (IOException e) {
      return Optional.of("cannot read it again: " + AtomicFiles.reason(e));
    }
  }

  /** One file's plan or parse error, and its text if it could be read. */
  private record Planned(
      @Nullable FilePlan plan, @Nullable ParseError error, @Nullable String source) {}
}
