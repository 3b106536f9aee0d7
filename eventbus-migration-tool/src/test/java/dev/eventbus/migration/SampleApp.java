package dev.eventbus.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The sample legacy shop in {@code src/test/resources/sample-app}, and a compiler and runner for it
 * and for migrated copies of it: {@link #compile(Path, Path)} builds any source root against the
 * test class path (the legacy APIs, eventbus-compat and the native bus), {@link #run(Path)} runs
 * {@value #MAIN_CLASS}{@code .run()} from the classes.
 */
public final class SampleApp {

  /**
   * The entry class of the sample; its {@code public static List<String> run()} is the workload.
   */
  public static final String MAIN_CLASS = "com.acme.shop.app.SampleApp";

  private SampleApp() {}

  /** The source root of the sample on the test class path. */
  public static Path root() {
    return SampleTree.resource("/sample-app");
  }

  /** The findings expected in {@link #root()}, worked out by hand: a TSV file with a header. */
  public static Path expectedFindings() {
    return SampleTree.resource("/sample-app-expected-findings.tsv");
  }

  /** Every {@code .java} file under {@code sourceRoot}, sorted. */
  public static List<Path> sourceFiles(Path sourceRoot) {
    try (Stream<Path> walk = Files.walk(sourceRoot)) {
      return walk.filter(p -> p.toString().endsWith(".java"))
          .filter(Files::isRegularFile)
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + sourceRoot, e);
    }
  }

  /**
   * Compiles every {@code .java} file under {@code sourceRoot} into {@code outputDir} with {@code
   * --release 17} against the test class path, without annotation processing or lint warnings.
   *
   * @param sourceRoot a source root (package directories below it)
   * @param outputDir where the classes go; created if missing
   * @return {@code outputDir}
   * @throws AssertionError if the sources do not compile, with every diagnostic in the message
   */
  public static Path compile(Path sourceRoot, Path outputDir) {
    return compile(sourceRoot, outputDir, List.of());
  }

  /**
   * {@link #compile(Path, Path)} with more class path entries (a library's classes) before the test
   * class path.
   */
  public static Path compile(Path sourceRoot, Path outputDir, List<Path> libraries) {
    JavaCompiler compiler =
        Objects.requireNonNull(ToolProvider.getSystemJavaCompiler(), "no system Java compiler");
    List<Path> sources = sourceFiles(sourceRoot);
    if (sources.isEmpty()) {
      throw new AssertionError("no .java files under " + sourceRoot);
    }
    try {
      Files.createDirectories(outputDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + outputDir, e);
    }
    List<String> options =
        List.of(
            "--release",
            "17",
            "-encoding",
            "UTF-8",
            "-proc:none",
            "-Xlint:none",
            "-nowarn",
            "-implicit:none",
            "-classpath",
            Stream.concat(
                    libraries.stream().map(Path::toString),
                    Stream.of(System.getProperty("java.class.path")))
                .collect(Collectors.joining(java.io.File.pathSeparator)),
            "-d",
            outputDir.toString());
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    boolean ok;
    try (StandardJavaFileManager files =
        compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      ok =
          compiler
              .getTask(
                  null,
                  files,
                  diagnostics,
                  options,
                  null,
                  files.getJavaFileObjectsFromPaths(sources))
              .call();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!ok) {
      StringBuilder message = new StringBuilder("compiling ").append(sourceRoot).append(" failed:");
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        if (d.getKind() == Diagnostic.Kind.ERROR) {
          message
              .append(System.lineSeparator())
              .append(d.getSource() == null ? "?" : d.getSource().getName())
              .append(':')
              .append(d.getLineNumber())
              .append(':')
              .append(d.getColumnNumber())
              .append(": ")
              .append(d.getMessage(Locale.ROOT));
        }
      }
      throw new AssertionError(message.toString());
    }
    return outputDir;
  }

  /**
   * Runs {@value #MAIN_CLASS}{@code .run()} from {@code classesDir} in a class loader of its own,
   * whose parent is the test's class loader (so the legacy and native buses are shared with it).
   *
   * @param classesDir the output of {@link #compile(Path, Path)}
   * @return the delivery log the sample returns
   * @throws AssertionError if the sample throws, with its exception as cause
   */
  public static List<String> run(Path classesDir) {
    return run(classesDir, List.of());
  }

  /** {@link #run(Path)} with a library's classes on the sample's class path too. */
  public static List<String> run(Path classesDir, List<Path> libraries) {
    List<URL> urls = new ArrayList<>();
    for (Path entry : Stream.concat(Stream.of(classesDir), libraries.stream()).toList()) {
      try {
        urls.add(entry.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException(entry.toString(), e);
      }
    }
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try (URLClassLoader loader =
        new URLClassLoader(
            "sample-app " + classesDir.getFileName(),
            urls.toArray(URL[]::new),
            SampleApp.class.getClassLoader())) {
      thread.setContextClassLoader(loader);
      Class<?> main = Class.forName(MAIN_CLASS, true, loader);
      Method run = main.getMethod("run");
      Object result = run.invoke(null);
      List<String> log = new ArrayList<>();
      for (Object line : (List<?>) Objects.requireNonNull(result, "run() returned null")) {
        log.add(String.valueOf(line));
      }
      return log;
    } catch (InvocationTargetException e) {
      throw new AssertionError(MAIN_CLASS + ".run() threw " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot run " + MAIN_CLASS + " from " + classesDir, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
