package dev.eventbus.rewrite;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openrewrite.java.JavaParser;

/** The parser the tests use: the JDK's own, with the buses' jars on its class path. */
final class TestClasspath {

  private TestClasspath() {}

  /**
   * Guava, eventbus-compat, the api and processors, and the tests' own classes (where the library
   * bus {@code org.thirdparty.PluginBus} is), found on this JVM's class path as jars or, in a
   * reactor build, as class directories.
   */
  static List<Path> paths() {
    List<String> wanted =
        List.of("guava", "eventbus-compat", "eventbus-api", "eventbus-processors", "eventbus-core");
    List<Path> found = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String normalised = entry.replace(File.separatorChar, '/');
      boolean match = normalised.endsWith("eventbus-rewrite/target/test-classes");
      for (String name : wanted) {
        match |=
            normalised.contains("/" + name + "/target/")
                || normalised.matches(".*/" + name + "-[0-9][^/]*\\.jar");
      }
      if (match) {
        found.add(Path.of(entry));
      }
    }
    if (found.size() < wanted.size() + 1) {
      throw new IllegalStateException(
          "expected " + wanted + " and the test classes on the class path, found " + found);
    }
    return found;
  }

  static JavaParser.Builder<?, ?> parser() {
    return JavaParser.fromJavaVersion().classpath(paths());
  }
}
