package dev.eventbus.migration.cli;

import dev.eventbus.migration.ScanListener;
import java.io.PrintWriter;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * The {@code --no-progress} option of the commands that walk a tree, and the progress bar they draw
 * on standard error when it is a terminal.
 */
final class ProgressOption {

  @Option(
      names = "--no-progress",
      description = "Do not draw a progress bar on standard error (drawn only on a terminal).")
  boolean noProgress;

  /** Whether the tool runs on a terminal; tests replace it. */
  BooleanSupplier terminal = () -> System.console() != null;

  /** Runs {@code work} with a progress bar on {@code err}, or with none. */
  <T> T run(PrintWriter err, Function<ScanListener, T> work) {
    if (noProgress || !terminal.getAsBoolean()) {
      return work.apply(ScanListener.NONE);
    }
    ProgressBar bar = new ProgressBar(err);
    try {
      return work.apply(bar);
    } finally {
      bar.finish();
    }
  }
}
