package dev.eventbus.migration.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventbus.migration.MigrationHelper;
import dev.eventbus.migration.SampleTree;
import dev.eventbus.migration.report.MarkdownReportRenderer;
import dev.eventbus.migration.report.SarifReportRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MigrationCliTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return run(false, args);
  }

  /** Runs the command line as if standard error were a terminal or not. */
  private int run(boolean terminal, String... args) {
    CommandLine cli = MigrationCli.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    ScanCommand scan = cli.getSubcommands().get("scan").getCommand();
    scan.progress.terminal = () -> terminal;
    return cli.execute(args);
  }

  private static String sample() {
    return SampleTree.root().toString();
  }

  @Test
  void findingsWithoutFailOnFindingsExitZero() {
    assertThat(run("scan", sample())).isZero();
    assertThat(out.toString())
        .contains("com/acme/orders/OrderService.java:12:")
        .contains("singleton-access vm.core.event.DomainEventBus#getInstance")
        .contains("com/acme/broken/Broken.java: parse error")
        .contains("Scanned 13 files");
  }

  @Test
  void findingsWithFailOnFindingsExitOne() {
    assertThat(run("scan", sample(), "--fail-on-findings")).isEqualTo(1);
  }

  @Test
  void cleanTreeExitsZeroEvenWithFailOnFindings(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("A.java"), "class A { String s = \"vm.core.event\"; }");
    assertThat(run("scan", dir.toString(), "--fail-on-findings")).isZero();
    assertThat(out.toString()).contains("0 findings");
  }

  /**
   * Issue 17, defect 8: a file that imports a legacy package but does not parse has no findings, so
   * {@code --fail-on-findings} exited 0 and a gate meant to keep a tree migrated let it through.
   * Such a file now fails the gate with its own exit code and a message naming it.
   */
  @Test
  void aFileThatMayUseALegacyApiAndDidNotParse_failsFailOnFindingsWithItsOwnCode(@TempDir Path dir)
      throws IOException {
    Files.writeString(
        dir.resolve("Broken.java"),
        "import com.google.common.eventbus.EventBus;\nclass Broken { void oops( { } }\n");
    Files.writeString(dir.resolve("Clean.java"), "class Clean {}\n");

    assertThat(run("scan", dir.toString(), "--fail-on-findings"))
        .isEqualTo(MigrationCli.EXIT_NOT_PARSED)
        .isEqualTo(4);
    assertThat(err.toString())
        .startsWith("error: 1 file that may use a legacy API could not be read or parsed")
        .contains("\n  Broken.java: line 2, column");
    assertThat(out.toString()).contains("Broken.java: parse error");

    err.getBuffer().setLength(0);
    assertThat(run("scan", dir.toString())).as("without --fail-on-findings").isZero();
    assertThat(err.toString()).isEmpty();
  }

  /** Findings decide the exit code (1); files that did not parse are still named. */
  @Test
  void findingsAndAFileThatDidNotParse_exitOneAndNameTheFile() {
    assertThat(run("scan", sample(), "--fail-on-findings")).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("error: 1 file that may use a legacy API could not be read or parsed")
        .contains("com/acme/broken/Broken.java");
  }

  @Test
  void usageErrorsExitTwo(@TempDir Path dir) {
    assertThat(run()).isEqualTo(2);
    assertThat(run("scan")).isEqualTo(2);
    assertThat(run("scan", sample(), "--format", "yaml")).isEqualTo(2);
    assertThat(err.toString())
        .contains("Invalid value for option '--format'")
        .contains("[TEXT, JSON, MARKDOWN, SARIF]")
        .contains("'yaml'");
    assertThat(run("scan", sample(), "--no-such-option")).isEqualTo(2);
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(run("scan", dir.resolve("missing").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("Not a directory").contains("Usage:");
  }

  @Test
  void anUnwritableOutputExitsThree(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("file");
    Files.writeString(file, "a file, not a directory");

    assertThat(run("scan", sample(), "--output", file.resolve("report.txt").toString()))
        .isEqualTo(MigrationCli.EXIT_FAILURE)
        .isEqualTo(3);
    assertThat(err.toString()).startsWith("error: ").contains(file.toString());
  }

  @Test
  void helpExitsZero() {
    assertThat(run("scan", "--help")).isZero();
    assertThat(out.toString())
        .contains("--fail-on-findings")
        .contains("--no-progress")
        .contains("--format=FORMAT")
        .contains("text, json, markdown or sarif");
  }

  @Test
  void markdownGoesToTheOutputFile(@TempDir Path dir) throws IOException {
    Path report = dir.resolve("scan.md");
    assertThat(run("scan", sample(), "--format", "markdown", "--output", report.toString()))
        .isZero();
    assertThat(out.toString()).startsWith("Wrote 58 findings in 9 of 13 files to " + report);
    assertThat(Files.readString(report, StandardCharsets.UTF_8))
        .startsWith(MarkdownReportRenderer.TITLE + "\n")
        .isEqualTo(
            MarkdownReportRenderer.render(MigrationHelper.checkCompatibility(SampleTree.root())));
  }

  @Test
  void sarifGoesToTheOutputFile(@TempDir Path dir) throws IOException {
    Path report = dir.resolve("out/scan.sarif");
    assertThat(
            run(
                "scan",
                sample(),
                "--format",
                "SARIF",
                "--output",
                report.toString(),
                "--fail-on-findings"))
        .isEqualTo(1);
    assertThat(out.toString()).startsWith("Wrote 58 findings in 9 of 13 files to " + report);
    String sarif = Files.readString(report, StandardCharsets.UTF_8);
    assertThat(sarif)
        .isEqualTo(
            SarifReportRenderer.render(MigrationHelper.checkCompatibility(SampleTree.root())));
    JsonNode json = new ObjectMapper().readTree(sarif);
    assertThat(json.get("version").textValue()).isEqualTo("2.1.0");
    assertThat(json.get("runs").get(0).get("results").size()).isEqualTo(58);
  }

  @Test
  void progressBarIsDrawnOnATerminalOnly() {
    String nl = System.lineSeparator();
    assertThat(run(true, "scan", sample(), "--format", "json")).isZero();
    assertThat(err.toString())
        .startsWith("\rScanning [")
        .endsWith("\rScanning [==============================] 13/13 files" + nl);
    assertThat(out.toString()).startsWith("{").doesNotContain("Scanning");

    err.getBuffer().setLength(0);
    assertThat(run(true, "scan", sample(), "--no-progress")).isZero();
    assertThat(run(false, "scan", sample())).isZero();
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void jsonGoesToTheOutputFile(@TempDir Path dir) throws IOException {
    Path report = dir.resolve("reports/scan.json");
    assertThat(
            run(
                "scan",
                sample(),
                "--format",
                "JSON",
                "--output",
                report.toString(),
                "--fail-on-findings"))
        .isEqualTo(1);
    assertThat(out.toString()).startsWith("Wrote 58 findings in 9 of 13 files");

    JsonNode json = new ObjectMapper().readTree(report.toFile());
    List<String> fields = new ArrayList<>();
    json.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactly(
            "schemaVersion",
            "root",
            "filesScanned",
            "filesWithFindings",
            "parseErrors",
            "findings",
            "summary");
    assertThat(json.get("schemaVersion").intValue()).isEqualTo(1);
    assertThat(json.get("root").textValue()).isEqualTo(SampleTree.root().toString());
    assertThat(json.get("filesScanned").intValue()).isEqualTo(13);
    assertThat(json.get("filesWithFindings").intValue()).isEqualTo(9);

    JsonNode error = json.get("parseErrors").get(0);
    assertThat(error.get("file").textValue()).isEqualTo("com/acme/broken/Broken.java");
    assertThat(error.get("message").isTextual()).isTrue();

    JsonNode findings = json.get("findings");
    assertThat(findings.size()).isEqualTo(58);
    for (JsonNode finding : findings) {
      List<String> names = new ArrayList<>();
      finding.fieldNames().forEachRemaining(names::add);
      assertThat(names)
          .containsExactly(
              "file", "line", "column", "api", "kind", "symbol", "autoMigratable", "suggestion");
      assertThat(finding.get("file").textValue()).doesNotContain("\\").doesNotStartWith("/");
      assertThat(finding.get("line").isInt()).isTrue();
      assertThat(finding.get("column").intValue()).isPositive();
      assertThat(finding.get("api").textValue()).isIn("vm-legacy", "guava");
      assertThat(finding.get("autoMigratable").isBoolean()).isTrue();
    }
    JsonNode summary = json.get("summary");
    assertThat(summary.get("totalFindings").intValue()).isEqualTo(58);
    assertThat(summary.get("byApi").get("guava").intValue()).isEqualTo(33);
    assertThat(summary.get("byApi").get("vm-legacy").intValue()).isEqualTo(25);
    assertThat(summary.get("byKind").get("bus-call").intValue()).isEqualTo(13);
  }
}
