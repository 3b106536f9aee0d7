package dev.eventbus.migration;

import com.github.javaparser.ast.CompilationUnit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Scans a source tree on a bounded pool of threads. */
final class SourceScanner {

  private static final Comparator<Finding> FINDING_ORDER =
      Comparator.comparing(Finding::file)
          .thenComparingInt(Finding::line)
          .thenComparingInt(Finding::column)
          .thenComparing(f -> f.kind().id())
          .thenComparing(Finding::symbol);

  private static final List<String> LEGACY_PACKAGES =
      Arrays.stream(LegacyApi.values()).map(LegacyApi::packageName).toList();

  private final int threads;

  /**
   * Creates a scanner.
   *
   * @param threads the pool size, at least 1
   */
  SourceScanner(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + threads);
    }
    this.threads = threads;
  }

  /**
   * Scans every {@code .java} file under {@code root}.
   *
   * @param root a directory
   * @param listener told after each file
   * @return the report
   * @throws IOException if the tree cannot be walked
   */
  MigrationReport scan(Path root, ScanListener listener) throws IOException {
    Path base = root.toAbsolutePath().normalize();
    List<Path> files = SourceFiles.list(base);
    List<FileResult> results =
        SourceFiles.map(files, threads, file -> scanFile(base, file), listener);
    List<Finding> findings = new ArrayList<>();
    List<ParseError> errors = new ArrayList<>();
    int withFindings = 0;
    for (FileResult result : results) {
      findings.addAll(result.findings());
      if (!result.findings().isEmpty()) {
        withFindings++;
      }
      if (result.error() != null) {
        errors.add(result.error());
      }
    }
    findings.sort(FINDING_ORDER);
    errors.sort(Comparator.comparing(ParseError::file));
    return new MigrationReport(base, files.size(), withFindings, errors, findings);
  }

  /** Reads, pre-filters, parses and analyses one file. Never throws for a bad file. */
  static FileResult scanFile(Path base, Path file) {
    SourceFiles.Loaded loaded = SourceFiles.load(base, file, SourceScanner::mayMentionLegacyApi);
    if (loaded.error() != null) {
      return FileResult.error(loaded.error());
    }
    CompilationUnit unit = loaded.unit();
    if (unit == null) {
      return FileResult.EMPTY;
    }
    return new FileResult(new FileAnalyzer(loaded.file(), unit).analyze(), null);
  }

  /**
   * Whether a file can use a legacy API at all: every use needs the package name somewhere in the
   * file, in an import, a fully qualified name or the file's own package declaration.
   */
  static boolean mayMentionLegacyApi(String source) {
    return SourceFiles.mentionsAny(source, LEGACY_PACKAGES);
  }

  /** The outcome for one file. */
  record FileResult(List<Finding> findings, @Nullable ParseError error) {
    static final FileResult EMPTY = new FileResult(List.of(), null);

    static FileResult error(ParseError error) {
      return new FileResult(List.of(), error);
    }
  }
}
