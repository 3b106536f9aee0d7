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
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** Lists, reads and parses the Java files of a tree, on a bounded pool of threads. */
final class SourceFiles {

  private SourceFiles() {}

  /** Every regular {@code .java} file under {@code base}, sorted. */
  static List<Path> list(Path base) throws IOException {
    try (Stream<Path> walk = Files.walk(base)) {
      return walk.filter(
              p -> p.getFileName() != null && p.getFileName().toString().endsWith(".java"))
          .filter(Files::isRegularFile)
          .sorted()
          .collect(Collectors.toList());
    }
  }

  /**
   * Applies {@code work} to every file on up to {@code threads} threads and returns the results in
   * the order of {@code files}; {@code listener} hears of each file done.
   *
   * @throws IOException if interrupted or if {@code work} throws a checked exception
   */
  static <R> List<R> map(
      List<Path> files, int threads, Function<Path, R> work, ScanListener listener)
      throws IOException {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + threads);
    }
    List<R> results = new ArrayList<>(files.size());
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.min(threads, Math.max(1, files.size())));
    try {
      List<Future<R>> futures = new ArrayList<>(files.size());
      AtomicInteger done = new AtomicInteger();
      int total = files.size();
      for (Path file : files) {
        futures.add(
            pool.submit(
                () -> {
                  R result = work.apply(file);
                  listener.fileScanned(done.incrementAndGet(), total);
                  return result;
                }));
      }
      for (Future<R> future : futures) {
        results.add(await(future));
      }
    } finally {
      pool.shutdownNow();
    }
    return results;
  }

  private static <R> R await(Future<R> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
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

  /**
   * Reads a file and, when {@code mayMatter} holds for its text, parses it. Never throws for a bad
   * file: a file that cannot be read or parsed comes back with an error.
   */
  static Loaded load(Path base, Path file, Function<String, Boolean> mayMatter) {
    String relative = relativize(base, file);
    String source;
    try {
      source = Files.readString(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      return Loaded.error(relative, "not valid UTF-8");
    } catch (IOException e) {
      return Loaded.error(relative, "cannot read: " + e.getMessage());
    }
    if (!mayMatter.apply(source)) {
      return new Loaded(relative, source, null, null);
    }
    ParseResult<CompilationUnit> parsed;
    try {
      parsed = parse(source);
    } catch (RuntimeException | StackOverflowError e) {
      return Loaded.error(relative, "parser failed: " + e);
    }
    if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
      return Loaded.error(relative, describe(parsed.getProblems()));
    }
    return new Loaded(relative, source, parsed.getResult().get(), null);
  }

  /** Parses one file's text, positions included. */
  static ParseResult<CompilationUnit> parse(String source) {
    // RAW: the grammar of every Java version, without the per-version validation pass, which
    // costs a third of the parse time; the tool reads code that compiles, it does not check it.
    // (Tokens must be stored: node positions come from them.)
    ParserConfiguration config =
        new ParserConfiguration()
            .setLanguageLevel(ParserConfiguration.LanguageLevel.RAW)
            .setAttributeComments(false);
    return new JavaParser(config).parse(source);
  }

  /**
   * Whether a file can use one of the given packages at all: every use needs the package name
   * somewhere in the file, in an import, a fully qualified name or the package declaration.
   */
  static boolean mentionsAny(String source, List<String> packageNames) {
    for (String packageName : packageNames) {
      if (source.contains(packageName)) {
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

  /**
   * One file as read: with a syntax tree when it was parsed, with an error when it could not be
   * read or parsed, with neither when it was skipped before parsing.
   */
  record Loaded(
      String file,
      @Nullable String source,
      @Nullable CompilationUnit unit,
      @Nullable ParseError error) {

    static Loaded error(String file, String message) {
      return new Loaded(file, null, null, new ParseError(file, message));
    }
  }
}
