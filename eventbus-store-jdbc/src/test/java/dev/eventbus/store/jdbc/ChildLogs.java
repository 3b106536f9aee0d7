package dev.eventbus.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a chaos test reads of its child JVMs ({@link ChildJvm}) in its directory: each child's
 * output in {@code out-<name>.txt}, and the logs the children append to, named {@code
 * <prefix><pid>.log}. Shared (in this module's tests jar) with the transports' chaos tests.
 */
public final class ChildLogs {

  private final Path dir;

  /**
   * The logs in {@code dir}.
   *
   * @param dir the test's directory
   */
  public ChildLogs(Path dir) {
    this.dir = dir;
  }

  /** Where the child {@code name} writes its output. */
  public Path outputFile(String name) {
    return dir.resolve("out-" + name + ".txt");
  }

  /** The child's output so far; empty if it has none yet. */
  public String output(String name) throws IOException {
    Path file = outputFile(name);
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  /** Waits until the child's output has {@code line}; fails with the output if it never does. */
  public void awaitLine(String name, String line) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!output(name).contains(line + "\n")) {
      assertThat(System.nanoTime())
          .as("instance %s printed '%s'; output so far:%n%s", name, line, output(name))
          .isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  /**
   * The store's warnings of a lease that ran out while the children {@code names} ran (each held up
   * longer than its lease), for a failure's message; empty if there were none.
   */
  public String leaseWarnings(List<String> names) throws IOException {
    StringBuilder warnings = new StringBuilder();
    for (String name : names) {
      for (String line : output(name).split("\n")) {
        if (line.contains("the lease of instance")) {
          warnings.append("\n  ").append(name).append(": ").append(line);
        }
      }
    }
    return warnings.length() == 0 ? "" : "; lease warnings:" + warnings;
  }

  /** The files of the directory whose names start with {@code prefix}. */
  public List<Path> files(String prefix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList();
    }
  }

  /** The pid a log {@code <prefix><pid>.log} is named after. */
  public static long pidOf(Path file) {
    String name = file.getFileName().toString();
    return Long.parseLong(name.substring(name.lastIndexOf('-') + 1, name.length() - 4));
  }

  /** Complete lines only: a kill can cut the last line of a log short. */
  public static List<String> lines(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int end = text.lastIndexOf('\n');
    return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
  }
}
