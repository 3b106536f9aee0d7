package dev.eventbus.benchmarks;

import dev.eventbus.migration.MigrationHelper;
import dev.eventbus.migration.MigrationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The migration tool's {@code scan} ({@link MigrationHelper#checkCompatibility(Path)}) of a tree of
 * {@value #FILES} Java files that {@link ScanTree} generates in the setup: one in ten a copy of a
 * file of the tool's shop sample (each parsed and analysed), the rest plain classes that never
 * mention a legacy API (each read and skipped). One operation is one file, so the score is files
 * per second; each invocation scans the whole tree.
 *
 * <p>The templates are read from {@code eventbus-migration-tool/src/test/resources/sample-app}
 * under the working directory (run from the repository's root), or from the directory the system
 * property {@code scan.templates} names. The setup fails unless a scan finds every file and no
 * parse error.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(ScanBenchmark.FILES)
@Fork(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class ScanBenchmark {

  /** The files in the tree (the size the migration issue asks 3,000 files/s of). */
  static final int FILES = 20_000;

  private Path tree = Path.of("");

  /** Creates the state; JMH calls it. */
  public ScanBenchmark() {}

  /**
   * Generates the tree in a new temporary directory and checks one scan of it.
   *
   * @throws IOException if the tree cannot be written
   */
  @Setup(Level.Trial)
  public void generate() throws IOException {
    Path templates =
        Path.of(
            System.getProperty(
                "scan.templates", "eventbus-migration-tool/src/test/resources/sample-app"));
    if (!Files.isDirectory(templates)) {
      throw new IllegalStateException(
          "no template sources at "
              + templates.toAbsolutePath()
              + ": run from the repository's root or set -Dscan.templates=DIR (with -jvmArgsAppend)");
    }
    tree = Files.createTempDirectory("scan-benchmark");
    ScanTree.generate(tree, FILES, templates);
    MigrationReport report = MigrationHelper.checkCompatibility(tree);
    if (report.filesScanned() != FILES
        || !report.parseErrors().isEmpty()
        || report.filesWithFindings() == 0) {
      throw new IllegalStateException(
          "the scan of the generated tree saw "
              + report.filesScanned()
              + " files ("
              + FILES
              + " written), "
              + report.filesWithFindings()
              + " with findings, parse errors: "
              + report.parseErrors());
    }
  }

  /**
   * Deletes the tree.
   *
   * @throws IOException if it cannot be deleted
   */
  @TearDown(Level.Trial)
  public void delete() throws IOException {
    try (Stream<Path> walk = Files.walk(tree)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }

  /**
   * Scans the whole tree.
   *
   * @return the report, consumed by JMH
   */
  @Benchmark
  public MigrationReport scan() {
    return MigrationHelper.checkCompatibility(tree);
  }
}
