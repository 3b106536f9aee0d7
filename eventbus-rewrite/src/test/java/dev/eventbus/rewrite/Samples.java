package dev.eventbus.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openrewrite.ExecutionContext;
import org.openrewrite.InMemoryExecutionContext;
import org.openrewrite.Recipe;
import org.openrewrite.Result;
import org.openrewrite.SourceFile;
import org.openrewrite.config.Environment;
import org.openrewrite.internal.InMemoryLargeSourceSet;

/**
 * The migration tool's sample trees, and the two ways the tests migrate them: the recipes run in
 * this JVM, and (in {@link RewriteMavenPluginTest}) the rewrite Maven plugin.
 */
final class Samples {

  private static final Path RESOURCES =
      Path.of("..", "eventbus-migration-tool", "src", "test", "resources");

  /**
   * The wiring sample: inherited bus field, bus from a method, DI module with a handler, library
   * bus subclass, reflection, non-literal identifier, custom import order.
   */
  static final Path WIRING = RESOURCES.resolve("sample-wiring");

  /** The shop sample (32 files, Guava and vm code). */
  static final Path SHOP = RESOURCES.resolve("sample-app");

  /** The library the wiring sample uses as a jar: a subclass of Guava's bus. */
  static final Path LIBRARY = RESOURCES.resolve("sample-lib");

  private Samples() {}

  /**
   * What the named recipes, run together in this JVM on the test class path's parser, make of the
   * tree.
   */
  static Map<String, String> recipe(Path root, String... names) throws IOException {
    List<Throwable> errors = new ArrayList<>();
    ExecutionContext ctx = new InMemoryExecutionContext(errors::add);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    List<SourceFile> sources =
        TestClasspath.parser().build().parse(files, root, ctx).collect(Collectors.toList());
    Recipe recipe =
        Environment.builder()
            .scanRuntimeClasspath("dev.eventbus.rewrite")
            .build()
            .activateRecipes(names);
    Map<String, String> result = read(root);
    for (Result changed :
        recipe.run(new InMemoryLargeSourceSet(sources), ctx).getChangeset().getAllResults()) {
      assertThat(changed.getAfter()).isNotNull();
      result.put(
          changed.getAfter().getSourcePath().toString().replace('\\', '/'),
          changed.getAfter().printAll());
    }
    assertThat(errors).as("errors of " + String.join(", ", names)).isEmpty();
    return result;
  }

  /**
   * The files that differ between two trees, each with its unified diff from {@code expected} to
   * {@code actual} ({@code /dev/null} for a file one of them lacks); empty when they are equal.
   */
  static Map<String, String> differences(Map<String, String> expected, Map<String, String> actual) {
    Set<String> files = new TreeSet<>(expected.keySet());
    files.addAll(actual.keySet());
    Map<String, String> diffs = new TreeMap<>();
    for (String file : files) {
      String before = expected.getOrDefault(file, "");
      String after = actual.getOrDefault(file, "");
      if (before.equals(after) && expected.containsKey(file) == actual.containsKey(file)) {
        continue;
      }
      List<String> lines = before.lines().toList();
      List<String> diff =
          UnifiedDiffUtils.generateUnifiedDiff(
              expected.containsKey(file) ? "expected/" + file : "/dev/null",
              actual.containsKey(file) ? "actual/" + file : "/dev/null",
              lines,
              DiffUtils.diff(lines, after.lines().toList()),
              2);
      // Same lines, other line ends or final newline: the diff alone would be empty.
      diffs.put(file, diff.isEmpty() ? "(differs in line ends only)" : String.join("\n", diff));
    }
    return diffs;
  }

  /** The tree's Java files by path relative to {@code root}, with {@code /} separators. */
  static Map<String, String> read(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
        files.put(
            root.relativize(file).toString().replace('\\', '/'),
            Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  /** Writes the files under {@code root}; returns {@code root}. */
  static Path write(Map<String, String> files, Path root) throws IOException {
    for (Map.Entry<String, String> e : files.entrySet()) {
      Path target = root.resolve(e.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, e.getValue(), StandardCharsets.UTF_8);
    }
    return root;
  }
}
