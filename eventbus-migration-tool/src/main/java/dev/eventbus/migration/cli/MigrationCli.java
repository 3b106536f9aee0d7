package dev.eventbus.migration.cli;

import dev.eventbus.migration.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code eventbus-migrate}: finds legacy event-bus code. Exit codes: 0 clean (or findings without
 * {@code --fail-on-findings}), 1 findings with {@code --fail-on-findings}, 2 usage error, 3
 * unexpected failure (e.g. the output file cannot be written), 4 no findings with {@code
 * --fail-on-findings} but a file that may use a legacy API did not parse.
 */
@Command(
    name = "eventbus-migrate",
    mixinStandardHelpOptions = true,
    version = "eventbus-migration-tool 0.1",
    description = "Finds and rewrites uses of the legacy vm.core.event and Guava event buses.",
    subcommands = {ScanCommand.class, MigrateCommand.class})
public final class MigrationCli implements Callable<Integer> {

  /** The command line; picocli makes it for {@link #main}. */
  public MigrationCli() {}

  /** Exit code for an unexpected failure. */
  public static final int EXIT_FAILURE = 3;

  /**
   * Exit code of {@code scan --fail-on-findings} when nothing was found but a file that may use a
   * legacy API (it names a legacy package, or could not be read) did not parse: the scan cannot say
   * the tree is clean.
   */
  public static final int EXIT_NOT_PARSED = 4;

  @Spec
  @SuppressWarnings("NullAway.Init")
  CommandSpec spec;

  /** Runs the command line. */
  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /** The configured command line; tests call {@code execute} on it in process. */
  public static CommandLine newCommandLine() {
    return new CommandLine(new MigrationCli())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(MigrationCli::handleExecutionException);
  }

  /**
   * Usage errors found while running a command (a missing directory, no subcommand) exit like parse
   * errors, with 2 and the usage help; anything else exits with {@link #EXIT_FAILURE}.
   */
  private static int handleExecutionException(
      Exception e, CommandLine command, CommandLine.ParseResult parseResult) throws Exception {
    if (e instanceof CommandLine.ParameterException usage) {
      return command
          .getParameterExceptionHandler()
          .handleParseException(usage, parseResult.originalArgs().toArray(new String[0]));
    }
    // A file that cannot be written is a failure the user can act on: say it in plain words.
    boolean io = e instanceof IOException || e instanceof UncheckedIOException;
    command.getErr().println("error: " + (io && e.getMessage() != null ? e.getMessage() : e));
    command.getErr().flush();
    return EXIT_FAILURE;
  }

  /**
   * Fails before a command does any work if it could not write {@code file} at the end.
   *
   * @param file the output file, or {@code null} for none
   * @param what what the file is to hold, e.g. {@code "the diff"}
   * @param notDone what the refusal means, e.g. {@code "nothing was migrated"}
   * @throws IOException naming the file and the reason
   */
  static void requireWritable(@Nullable Path file, String what, String notDone) throws IOException {
    if (file == null) {
      return;
    }
    Optional<String> unwritable = AtomicFiles.unwritableReason(file);
    if (unwritable.isPresent()) {
      throw new IOException(
          "cannot write " + what + " to " + file + ": " + unwritable.get() + "; " + notDone);
    }
  }

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }
}
