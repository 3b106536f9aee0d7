package dev.eventbus.migration.cli;

import dev.eventbus.migration.AtomicFiles;
import dev.eventbus.migration.MigrationHelper;
import dev.eventbus.migration.MigrationReport;
import dev.eventbus.migration.ParseError;
import dev.eventbus.migration.report.JsonReportRenderer;
import dev.eventbus.migration.report.MarkdownReportRenderer;
import dev.eventbus.migration.report.SarifReportRenderer;
import dev.eventbus.migration.report.TextReportRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scan <dir>}: reports every legacy event-bus use under a directory. */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = "Reports every use of the legacy event-bus APIs under DIR.")
final class ScanCommand implements Callable<Integer> {

  /** Output formats. */
  enum Format {
    TEXT(TextReportRenderer::render),
    JSON(JsonReportRenderer::render),
    MARKDOWN(MarkdownReportRenderer::render),
    SARIF(SarifReportRenderer::render);

    private final Function<MigrationReport, String> renderer;

    Format(Function<MigrationReport, String> renderer) {
      this.renderer = renderer;
    }

    String render(MigrationReport report) {
      return renderer.apply(report);
    }
  }

  @Spec
  @SuppressWarnings("NullAway.Init")
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "Root of the sources to scan.")
  @SuppressWarnings("NullAway.Init")
  Path dir;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "Report format: text, json, markdown or sarif (SARIF 2.1.0, e.g. for GitHub code"
              + " scanning); default: ${DEFAULT-VALUE}.",
      defaultValue = "text")
  Format format = Format.TEXT;

  @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE.")
  @Nullable Path output;

  @Option(
      names = "--fail-on-findings",
      description =
          "Exit with 1 when anything is found, or with 4 when nothing is but a file that may use a"
              + " legacy API did not parse.")
  boolean failOnFindings;

  @Mixin ProgressOption progress = new ProgressOption();

  @Override
  public Integer call() throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Not a directory: " + dir);
    }
    Path target = output;
    MigrationCli.requireWritable(target, "the report", "nothing was scanned");
    MigrationReport report =
        progress.run(
            spec.commandLine().getErr(),
            listener -> MigrationHelper.checkCompatibility(dir, listener));
    String rendered = format.render(report);
    PrintWriter out = spec.commandLine().getOut();
    if (target == null) {
      out.print(rendered);
    } else {
      AtomicFiles.write(target, rendered);
      out.println(
          "Wrote "
              + report.findings().size()
              + " findings in "
              + report.filesWithFindings()
              + " of "
              + report.filesScanned()
              + " files to "
              + target);
    }
    out.flush();
    if (!failOnFindings) {
      return 0;
    }
    if (!report.parseErrors().isEmpty()) {
      reportNotParsed(report.parseErrors());
    }
    if (report.hasFindings()) {
      return 1;
    }
    return report.parseErrors().isEmpty() ? 0 : MigrationCli.EXIT_NOT_PARSED;
  }

  /**
   * Names the files that did not parse. Only files that name a legacy package are parsed (the
   * others cannot use one), so each of these may use a legacy API, or could not even be read: a
   * scan that found nothing cannot call the tree clean.
   */
  private void reportNotParsed(List<ParseError> errors) {
    PrintWriter err = spec.commandLine().getErr();
    err.println(
        "error: "
            + errors.size()
            + (errors.size() == 1 ? " file" : " files")
            + " that may use a legacy API could not be read or parsed, so the scan cannot tell"
            + " what "
            + (errors.size() == 1 ? "it uses" : "they use")
            + ":");
    for (ParseError error : errors) {
      err.println("  " + error.file() + ": " + error.message());
    }
    err.flush();
  }
}
