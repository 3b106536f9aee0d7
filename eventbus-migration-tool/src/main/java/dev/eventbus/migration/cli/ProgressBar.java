package dev.eventbus.migration.cli;

import dev.eventbus.migration.ScanListener;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar for a terminal, e.g. {@code Scanning [=============> ] 4211/9000 files},
 * redrawn in place with a carriage return.
 *
 * <p>Thread-safe: the scan's worker threads call {@link #fileScanned} at the same time and not
 * necessarily in the order of their counts. The bar is drawn at the first call, then at most once
 * every {@value #REDRAW_INTERVAL_MILLIS} ms, never twice for the same count and never for a count
 * lower than one already shown. The last file is always drawn and ends the line.
 */
public final class ProgressBar implements ScanListener {

  /** The shortest time between two redraws, except the final one. */
  public static final long REDRAW_INTERVAL_MILLIS = 100;

  /** Characters between the brackets. */
  static final int WIDTH = 30;

  private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(REDRAW_INTERVAL_MILLIS);

  private final PrintWriter out;
  private final LongSupplier nanoTime;
  private final Object lock = new Object();

  /** The highest count drawn, 0 before the first draw; guarded by {@link #lock}. */
  private int shown;

  /** When the bar was last drawn; guarded by {@link #lock}. */
  private long lastDrawNanos;

  /** Whether the line has been ended; guarded by {@link #lock}. */
  private boolean finished;

  /**
   * A bar drawn to {@code out}, throttled with {@link System#nanoTime()}.
   *
   * @param out usually the standard error of a terminal
   */
  public ProgressBar(PrintWriter out) {
    this(out, System::nanoTime);
  }

  /** A bar throttled with the given clock, in nanoseconds like {@link System#nanoTime()}. */
  ProgressBar(PrintWriter out, LongSupplier nanoTime) {
    this.out = Objects.requireNonNull(out, "out");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  @Override
  public void fileScanned(int done, int total) {
    synchronized (lock) {
      if (finished || done <= shown) {
        return;
      }
      boolean last = done >= total;
      long now = nanoTime.getAsLong();
      if (!last && shown > 0 && now - lastDrawNanos < INTERVAL_NANOS) {
        return;
      }
      out.print('\r');
      out.print(line(done, total));
      if (last) {
        out.println();
        finished = true;
      }
      out.flush();
      shown = done;
      lastDrawNanos = now;
    }
  }

  /**
   * Ends the line if the bar was drawn but never reached its total, e.g. because the scan failed,
   * so that what is printed next starts on a line of its own. Does nothing otherwise.
   */
  public void finish() {
    synchronized (lock) {
      if (shown > 0 && !finished) {
        out.println();
        out.flush();
      }
      finished = true;
    }
  }

  /** The bar for {@code done} of {@code total} files, without the carriage return. */
  static String line(int done, int total) {
    int filled = total <= 0 ? WIDTH : (int) Math.min(WIDTH, (long) done * WIDTH / total);
    StringBuilder bar = new StringBuilder(WIDTH);
    bar.append("=".repeat(filled));
    if (filled < WIDTH) {
      bar.append('>').append(" ".repeat(WIDTH - filled - 1));
    }
    return "Scanning [" + bar + "] " + done + "/" + total + " files";
  }
}
