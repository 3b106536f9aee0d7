package dev.eventbus.migration;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.CompilationUnit;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** Scans a source tree on a bounded pool of threads. */
final class SourceScanner {

  private static final Comparator<Finding> FINDING_ORDER =
      Comparator.comparing(Finding::file)
          .thenComparingInt(Finding::line)
          .thenComparingInt(Finding::column)
          .thenComparing(f -> f.kind().id())
          .thenComparing(Finding::symbol);

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
    List<Path> files;
    try (Stream<Path> walk = Files.walk(base)) {
      files =
          walk.filter(p -> p.getFileName() != null && p.getFileName().toString().endsWith(".java"))
              .filter(Files::isRegularFile)
              .sorted()
              .collect(Collectors.toList());
    }
    List<FileResult> results = new ArrayList<>(files.size());
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.min(threads, Math.max(1, files.size())));
    try {
      List<Future<FileResult>> futures = new ArrayList<>(files.size());
      AtomicInteger done = new AtomicInteger();
      int total = files.size();
      for (Path file : files) {
        futures.add(
            pool.submit(
                () -> {
                  FileResult result = scanFile(base, file);
                  listener.fileScanned(done.incrementAndGet(), total);
                  return result;
                }));
      }
      for (Future<FileResult> future : futures) {
        results.add(await(future));
      }
    } finally {
      pool.shutdownNow();
    }
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

  private static FileResult await(Future<FileResult> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("scan interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IOException(cause);
    }
  }

  /** Reads, pre-filters, parses and analyses one file. Never throws for a bad file. */
  static FileResult scanFile(Path base, Path file) {
    String relative = relativize(base, file);
    String source;
    try {
      source = Files.readString(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      return FileResult.error(new ParseError(relative, "not valid UTF-8"));
    } catch (IOException e) {
      return FileResult.error(new ParseError(relative, "cannot read: " + e.getMessage()));
    }
    if (!mayMentionLegacyApi(source)) {
      return FileResult.EMPTY;
    }
    ParserConfiguration config =
        new ParserConfiguration()
            .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
            .setAttributeComments(false);
    ParseResult<CompilationUnit> parsed = new JavaParser(config).parse(source);
    if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
      return FileResult.error(new ParseError(relative, describe(parsed.getProblems())));
    }
    return new FileResult(new FileAnalyzer(relative, parsed.getResult().get()).analyze(), null);
  }

  /**
   * Whether a file can use a legacy API at all: every use needs the package name somewhere in the
   * file, in an import, a fully qualified name or the file's own package declaration.
   */
  static boolean mayMentionLegacyApi(String source) {
    for (LegacyApi api : LegacyApi.values()) {
      if (source.contains(api.packageName())) {
        return true;
      }
    }
    return false;
  }

  private static String describe(List<Problem> problems) {
    if (problems.isEmpty()) {
      return "cannot parse";
    }
    Problem first = problems.get(0);
    String where =
        first
            .getLocation()
            .flatMap(range -> range.getBegin().getRange())
            .map(r -> "line " + r.begin.line + ", column " + r.begin.column + ": ")
            .orElse("");
    String message = first.getMessage();
    int newline = message.indexOf('\n');
    return where + (newline < 0 ? message : message.substring(0, newline)).strip();
  }

  private static String relativize(Path base, Path file) {
    return base.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  /** The outcome for one file. */
  record FileResult(List<Finding> findings, @Nullable ParseError error) {
    static final FileResult EMPTY = new FileResult(List.of(), null);

    static FileResult error(ParseError error) {
      return new FileResult(List.of(), error);
    }
  }
}
