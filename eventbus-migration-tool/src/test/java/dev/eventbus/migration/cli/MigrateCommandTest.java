package dev.eventbus.migration.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code migrate}: options, output and exit codes. */
class MigrateCommandTest {

  private static final String LISTENER =
      """
      package com.acme;

      import com.google.common.eventbus.EventBus;
      import com.google.common.eventbus.Subscribe;

      class Listener {
        @Subscribe
        void on(String event) {}

        static void run() {
          EventBus bus = new EventBus();
          bus.register(new Listener());
          bus.post("hello");
        }
      }
      """;

  private static final String DEAD =
      """
      package com.dead;

      import com.google.common.eventbus.DeadEvent;
      import com.google.common.eventbus.Subscribe;

      class Dead {
        @Subscribe
        void dead(DeadEvent event) {}
      }
      """;

  @TempDir Path root;
  @TempDir Path elsewhere;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void sources() throws IOException {
    Files.createDirectories(root.resolve("com/acme"));
    Files.writeString(root.resolve("com/acme/Listener.java"), LISTENER);
  }

  private int run(String... args) {
    CommandLine cli = MigrationCli.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private String listener() throws IOException {
    return Files.readString(root.resolve("com/acme/Listener.java"), StandardCharsets.UTF_8);
  }

  @Test
  void migratesToCompatAndSaysWhatChanged() throws IOException {
    assertThat(run("migrate", root.toString(), "--to", "compat")).isZero();

    assertThat(listener())
        .isEqualTo(LISTENER.replace("com.google.common.eventbus", "dev.eventbus.compat.guava"));
    assertThat(out.toString())
        .startsWith("Changed 1 of 1 files (2 edits) migrating to compat under ")
        .contains("  com/acme/Listener.java  2 edits, compat");
  }

  @Test
  void dryRunWithDiffWritesOnlyTheDiff() throws IOException {
    Path diff = elsewhere.resolve("out/migration.diff");

    assertThat(
            run(
                "migrate",
                root.toString(),
                "--to",
                "NATIVE",
                "--dry-run",
                "--diff",
                diff.toString()))
        .isZero();

    assertThat(listener()).isEqualTo(LISTENER);
    assertThat(Files.readString(diff))
        .startsWith("--- a/com/acme/Listener.java\n+++ b/com/acme/Listener.java\n")
        .contains("\n-    bus.post(\"hello\");\n+    bus.publish(\"hello\");\n");
    assertThat(out.toString()).startsWith("Would change 1 of 1 files").contains("Diff written to");
  }

  /**
   * {@code --classpath} gives the recipes' parser the project's other jars (here two class
   * directories): the bus of the library is then known as a library's subclass of Guava's bus, and
   * the reason says so; without it, the receiver's type is unknown.
   */
  @Test
  void classpathGivesTheRecipesTheProjectsLibraries() throws IOException {
    Path library = elsewhere.resolve("library-src/org/thirdparty/PluginBus.java");
    Files.createDirectories(library.getParent());
    Files.writeString(
        library,
        """
        package org.thirdparty;

        public class PluginBus extends com.google.common.eventbus.EventBus {}
        """);
    Path classes =
        dev.eventbus.migration.SampleApp.compile(
            elsewhere.resolve("library-src"), elsewhere.resolve("library"));
    Path empty = Files.createDirectories(elsewhere.resolve("nothing"));
    Files.writeString(
        root.resolve("com/acme/Plugin.java"),
        """
        package com.acme;

        final class Plugin {
          void start(org.thirdparty.PluginBus bus) {
            bus.register(new Listener());
          }
        }
        """);

    assertThat(
            run(
                "migrate",
                root.toString(),
                "--to",
                "native",
                "--dry-run",
                "--classpath",
                empty + java.io.File.pathSeparator + classes))
        .isZero();

    assertThat(out.toString())
        .contains("Listener may be registered on a bus of a library")
        .doesNotContain("unknown");
  }

  @Test
  void manualStepsAreListedAndFailOnManualExitsOne() throws IOException {
    Files.createDirectories(root.resolve("com/dead"));
    Files.writeString(root.resolve("com/dead/Dead.java"), DEAD);

    assertThat(run("migrate", root.toString(), "--to", "native", "--fail-on-manual")).isEqualTo(1);

    assertThat(out.toString())
        .contains("Left for a person (2):")
        .contains("com/dead/Dead.java:3:1  com.google.common.eventbus.DeadEvent  DeadEvent:")
        .contains("  com/dead/Dead.java  2 edits, compat")
        // A native file's edits are the changed blocks of its diff (the recipes' text).
        .contains("  com/acme/Listener.java  3 edits, native");
  }

  @Test
  void nothingLeftExitsZeroWithFailOnManual() {
    assertThat(run("migrate", root.toString(), "--to", "native", "--fail-on-manual")).isZero();
    assertThat(run("migrate", root.toString(), "--to", "native", "--fail-on-manual")).isZero();
    assertThat(out.toString()).contains("Changed 0 of 1 files (0 edits)");
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(run("migrate", root.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required option: '--to=TARGET'");
    assertThat(run("migrate", root.toString(), "--to", "guava")).isEqualTo(2);
    assertThat(err.toString()).contains("expected one of [COMPAT, NATIVE]");
    assertThat(run("migrate", root.resolve("missing").toString(), "--to", "compat")).isEqualTo(2);
    assertThat(err.toString()).contains("Not a directory");
  }

  @Test
  void anUnwritableDiffExitsThree() throws IOException {
    Path blocker = elsewhere.resolve("file");
    Files.writeString(blocker, "not a directory");

    assertThat(
            run(
                "migrate",
                root.toString(),
                "--to",
                "compat",
                "--dry-run",
                "--diff",
                blocker.resolve("x.diff").toString()))
        .isEqualTo(3);
    assertThat(err.toString()).startsWith("error: ");
  }

  /**
   * Issue 17, defect 7: the diff was written after the sources, so a diff that could not be written
   * failed a run that had already rewritten the tree. It is checked before anything is written. (A
   * path under a regular file: unwritable for root too.)
   */
  @Test
  void anUnwritableDiff_isRefusedBeforeAnySourceIsRewritten() throws IOException {
    Path blocker = elsewhere.resolve("file");
    Files.writeString(blocker, "not a directory");
    Path diff = blocker.resolve("x.diff");

    assertThat(run("migrate", root.toString(), "--to", "compat", "--diff", diff.toString()))
        .isEqualTo(3);

    assertThat(listener()).isEqualTo(LISTENER);
    assertThat(err.toString())
        .startsWith("error: cannot write the diff to " + diff + ": not a directory: " + blocker)
        .contains("nothing was migrated");
  }
}
