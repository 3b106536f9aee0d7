package dev.eventbus.migration.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.migration.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, defect 6: reports and diffs were written with mode 0600 whatever the umask, because the
 * temporary file they are written through was made with {@code Files.createTempFile}. A new file
 * now gets what a normally created file gets (0666 less the umask); a file written over keeps its
 * mode, as a rewritten source file always did.
 */
class WrittenFileModeTest {

  private static final String LISTENER =
      """
      package com.acme;

      import com.google.common.eventbus.EventBus;

      class Listener {
        void run() {
          new EventBus().post("hello");
        }
      }
      """;

  @TempDir Path dir;

  private static String mode(Path file) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  @Test
  void aNewFile_getsTheModeOfAFileCreatedNormallyBesideIt() throws IOException {
    Path normal = Files.createFile(dir.resolve("created-normally"));

    AtomicFiles.write(dir.resolve("reports/report.json"), "{}");

    assertThat(mode(dir.resolve("reports/report.json"))).isEqualTo(mode(normal));
  }

  @Test
  void aFileWrittenOver_keepsItsMode() throws IOException {
    Path report = Files.writeString(dir.resolve("report.sarif"), "old");
    Files.setPosixFilePermissions(report, PosixFilePermissions.fromString("rw-rw----"));

    AtomicFiles.write(report, "new");

    assertThat(mode(report)).isEqualTo("rw-rw----");
    assertThat(Files.readString(report)).isEqualTo("new");
  }

  /**
   * The umask decides, not the tool: the command line runs in a JVM of its own, started by a shell
   * that sets the umask, and writes a report, a diff and a rewritten source file.
   */
  @Test
  void reportsAndDiffsFollowTheUmask_rewrittenSourcesKeepTheirMode() throws Exception {
    Path src = dir.resolve("src");
    Path listener = src.resolve("com/acme/Listener.java");
    Files.createDirectories(listener.getParent());
    Files.writeString(listener, LISTENER, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(listener, PosixFilePermissions.fromString("rw-r-----"));

    for (String[] umaskAndMode : new String[][] {{"027", "rw-r-----"}, {"002", "rw-rw-r--"}}) {
      String umask = umaskAndMode[0];
      Path report = dir.resolve("report-" + umask + ".json");
      Path diff = dir.resolve("changes-" + umask + ".diff");

      cli(umask, "scan", src.toString(), "--format", "json", "--output", report.toString());
      cli(
          umask,
          "migrate",
          src.toString(),
          "--to",
          "compat",
          "--dry-run",
          "--diff",
          diff.toString());

      assertThat(mode(report)).as("report, umask " + umask).isEqualTo(umaskAndMode[1]);
      assertThat(mode(diff)).as("diff, umask " + umask).isEqualTo(umaskAndMode[1]);
    }
    cli("002", "migrate", src.toString(), "--to", "compat");
    assertThat(Files.readString(listener)).contains("dev.eventbus.compat.guava.EventBus");
    assertThat(mode(listener)).as("rewritten source").isEqualTo("rw-r-----");
  }

  /**
   * Runs the tool's main class, from the module path (and class path) this test runs on, under
   * {@code umask}.
   */
  private void cli(String umask, String... args) throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    List<String> command =
        new ArrayList<>(
            List.of(
                "/bin/sh",
                "-c",
                "umask " + umask + " && exec \"$@\"",
                "sh",
                java,
                "--module-path",
                System.getProperty("jdk.module.path"),
                // migrate's recipes: OpenRewrite (with javac as its parser) and the jars it
                // attributes types against stay on the class path.
                "--class-path",
                System.getProperty("java.class.path"),
                "--add-modules",
                "jdk.compiler",
                "--module",
                "dev.eventbus.migration/dev.eventbus.migration.cli.MigrationCli"));
    command.addAll(List.of(args));
    command.add("--no-progress");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("cli-output.txt").toFile())
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the tool ends").isTrue();
    assertThat(process.exitValue())
        .as("exit code; output:%n%s", Files.readString(dir.resolve("cli-output.txt")))
        .isZero();
  }
}
