package dev.eventbus.migration.cli;

import dev.eventbus.migration.MigrationHelper;
import dev.eventbus.migration.MigrationReport;
import dev.eventbus.migration.report.JsonReportRenderer;
import dev.eventbus.migration.report.TextReportRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
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
    TEXT,
    JSON
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
      description = "text or json (default: ${DEFAULT-VALUE}).",
      defaultValue = "text")
  Format format = Format.TEXT;

  @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE.")
  @Nullable Path output;

  @Option(names = "--fail-on-findings", description = "Exit with 1 when anything is found.")
  boolean failOnFindings;

  @Override
  public Integer call() throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Not a directory: " + dir);
    }
    MigrationReport report = MigrationHelper.checkCompatibility(dir);
    String rendered =
        format == Format.JSON
            ? JsonReportRenderer.render(report)
            : TextReportRenderer.render(report);
    PrintWriter out = spec.commandLine().getOut();
    Path target = output;
    if (target == null) {
      out.print(rendered);
    } else {
      writeAtomically(target, rendered);
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
    return failOnFindings && report.hasFindings() ? 1 : 0;
  }

  private static void writeAtomically(Path target, String content) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path parent = absolute.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Path temp =
        Files.createTempFile(
            parent == null ? absolute.getRoot() : parent, ".eventbus-migrate", ".tmp");
    try {
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      Files.move(
          temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
