package dev.eventbus.store.jdbc;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a workload of a test in a JVM of its own, which the test can kill. Shared (in this
 * module's tests jar) with the transports' chaos tests.
 */
public final class ChildJvm {

  private ChildJvm() {}

  /**
   * Starts {@code mainClass} with {@code args} in a new JVM on this one's classes; its output (and
   * errors) go to {@code output}, so that several children never block on a full pipe.
   */
  public static Process start(Class<?> mainClass, List<String> args, Path output)
      throws IOException {
    return new ProcessBuilder(command(mainClass, args))
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
  }

  /** The command line that runs {@code mainClass} with {@code args} in a new JVM. */
  static List<String> command(Class<?> mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(classPath(mainClass));
    command.add("-Xmx256m");
    command.add(mainClass.getName());
    command.addAll(args);
    return command;
  }

  /**
   * Everything this JVM runs on, as a class path for the child: the tests run on the module path
   * (the module's own classes and the modules it reads, with the test classes patched in), so
   * {@code java.class.path} alone lacks them.
   */
  private static String classPath(Class<?> mainClass) {
    List<String> entries = new ArrayList<>();
    entries.add(mainClass.getProtectionDomain().getCodeSource().getLocation().getPath());
    entries.add(Path.of("target", "test-classes").toAbsolutePath().toString());
    for (String property : List.of("jdk.module.path", "java.class.path")) {
      String value = System.getProperty(property, "");
      if (!value.isEmpty()) {
        entries.add(value);
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}
