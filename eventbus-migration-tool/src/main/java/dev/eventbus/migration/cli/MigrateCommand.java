package dev.eventbus.migration.cli;

import dev.eventbus.migration.AtomicFiles;
import dev.eventbus.migration.FileChange;
import dev.eventbus.migration.ManualStep;
import dev.eventbus.migration.MigrationHelper;
import dev.eventbus.migration.MigrationOptions;
import dev.eventbus.migration.MigrationResult;
import dev.eventbus.migration.MigrationTarget;
import dev.eventbus.migration.ParseError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code migrate <dir> --to compat|native}: rewrites legacy event-bus code under a directory. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = {
      "Rewrites legacy event-bus code under DIR.",
      "compat: Guava's com.google.common.eventbus becomes dev.eventbus.compat.guava (always safe).",
      "native: code moves to dev.eventbus.api.UnifiedEventBus; what needs a person is listed and"
          + " its files get the compat step."
    })
final class MigrateCommand implements Callable<Integer> {

  @Spec
  @SuppressWarnings("NullAway.Init")
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "Root of the sources to migrate.")
  @SuppressWarnings("NullAway.Init")
  Path dir;

  @Option(names = "--to", paramLabel = "TARGET", required = true, description = "compat or native.")
  @SuppressWarnings("NullAway.Init")
  MigrationTarget target;

  @Option(
      names = "--classpath",
      paramLabel = "PATH",
      split = "${sys:path.separator}",
      description = {
        "Jars and class directories the sources compile against besides the buses (the"
            + " project's other libraries), for the recipes' type attribution; a type found"
            + " nowhere is unknown, and what depends on it stays where it is."
      })
  List<Path> classpath = new ArrayList<>();

  @Option(names = "--dry-run", description = "Change no file; report what would change.")
  boolean dryRun;

  @Option(names = "--diff", paramLabel = "FILE", description = "Write a unified diff to FILE.")
  @Nullable Path diff;

  @Option(
      names = "--fail-on-manual",
      description = "Exit with 1 when anything is left for a person or a file did not parse.")
  boolean failOnManual;

  @Mixin ProgressOption progress = new ProgressOption();

  @Override
  public Integer call() throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Not a directory: " + dir);
    }
    Path diffFile = diff;
    MigrationCli.requireWritable(diffFile, "the diff", "nothing was migrated");
    MigrationOptions options = new MigrationOptions(target, dryRun, classpath);
    MigrationResult result =
        progress.run(
            spec.commandLine().getErr(),
            listener -> MigrationHelper.migrateCode(dir, options, listener));
    if (diffFile != null) {
      AtomicFiles.write(diffFile, result.unifiedDiff());
    }
    PrintWriter out = spec.commandLine().getOut();
    print(out, result, diffFile);
    out.flush();
    return failOnManual && !result.isComplete() ? 1 : 0;
  }

  private static void print(PrintWriter out, MigrationResult result, @Nullable Path diffFile) {
    String verb = result.options().dryRun() ? "Would change " : "Changed ";
    out.println(
        verb
            + result.changes().size()
            + " of "
            + result.filesScanned()
            + " files ("
            + result.edits()
            + " edits) migrating to "
            + result.options().target().name().toLowerCase(Locale.ROOT)
            + " under "
            + result.root());
    for (FileChange change : result.changes()) {
      out.println(
          "  "
              + change.file()
              + "  "
              + change.edits()
              + " edits, "
              + change.target().name().toLowerCase(Locale.ROOT));
    }
    if (!result.manualSteps().isEmpty()) {
      out.println("Left for a person (" + result.manualSteps().size() + "):");
      for (ManualStep step : result.manualSteps()) {
        String where =
            step.line() > 0 ? step.file() + ":" + step.line() + ":" + step.column() : step.file();
        out.println("  " + where + "  " + step.symbol() + "  " + step.reason());
      }
    }
    if (!result.parseErrors().isEmpty()) {
      out.println("Not parsed, left alone (" + result.parseErrors().size() + "):");
      for (ParseError error : result.parseErrors()) {
        out.println("  " + error.file() + "  " + error.message());
      }
    }
    if (diffFile != null) {
      out.println("Diff written to " + diffFile);
    }
  }
}
