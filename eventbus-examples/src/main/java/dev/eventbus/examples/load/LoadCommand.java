package dev.eventbus.examples.load;

import dev.eventbus.api.LatencySummary;
import dev.eventbus.api.ProcessingMode;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo's load modes, chosen by its arguments:
 *
 * <ul>
 *   <li>{@code --metrics [SECONDS]}: a {@link LoadRun} of 10 seconds (or {@code SECONDS}) with a
 *       live one-line progress view, ending with a table of per-mode throughput and latency.
 *   <li>{@code --soak MINUTES}: the same workload for {@code MINUTES}, printing the heap in use
 *       after a full garbage collection every 30 seconds, and whether it stayed flat.
 * </ul>
 *
 * Both take {@code --rate EVENTS_PER_SECOND} (default {@value #DEFAULT_RATE}) and {@code
 * --publishers N} (default {@value #DEFAULT_PUBLISHERS}).
 */
public final class LoadCommand {

  static final int DEFAULT_RATE = 40_000;
  static final int DEFAULT_PUBLISHERS = 2;
  static final Duration DEFAULT_METRICS_RUN = Duration.ofSeconds(10);
  static final Duration SOAK_SAMPLE_EVERY = Duration.ofSeconds(30);

  /**
   * A soak's heap counts as flat when the last half of its after-GC samples stays within this many
   * bytes of the first half's largest sample.
   */
  static final long FLAT_MARGIN_BYTES = 16L * 1024 * 1024;

  static final String USAGE =
      "usage: DemoApplication [--metrics [SECONDS] | --soak MINUTES]"
          + " [--rate EVENTS_PER_SECOND] [--publishers N]";

  private LoadCommand() {}

  /** Whether {@code args} ask for a load mode rather than the standard demo. */
  public static boolean wants(String[] args) {
    return args.length > 0;
  }

  /**
   * Runs what {@code args} ask for, printing to {@code out}.
   *
   * @return the process exit code: 0 when everything was accounted for (and, for a soak, the heap
   *     stayed flat), 1 otherwise, 2 for bad arguments
   */
  public static int run(String[] args, PrintStream out, boolean terminal)
      throws InterruptedException {
    Arguments parsed;
    try {
      parsed = Arguments.parse(args);
    } catch (IllegalArgumentException bad) {
      out.println(bad.getMessage());
      out.println(USAGE);
      return 2;
    }
    return parsed.soak ? soak(parsed, out) : metrics(parsed, out, terminal);
  }

  private static int metrics(Arguments arguments, PrintStream out, boolean terminal)
      throws InterruptedException {
    out.printf(
        Locale.ROOT,
        "Mixed load: %,d events/s (quotes and trades) from %d publishers for %d s, one"
            + " subscription per mode on one bus.%n",
        arguments.rate,
        arguments.publishers,
        arguments.duration.toSeconds());
    Duration every = terminal ? Duration.ofMillis(250) : Duration.ofSeconds(1);
    LoadRun run =
        new LoadRun(
            new LoadRun.Settings(arguments.duration, arguments.rate, arguments.publishers, every));
    LoadRun.Result result =
        run.run(
            progress -> {
              String line = progressLine(progress);
              if (terminal) {
                out.print("\r" + line);
              } else {
                out.println(line);
              }
              out.flush();
            });
    if (terminal) {
      out.println();
    }
    table(result).forEach(out::println);
    return result.accountedFor() ? 0 : 1;
  }

  private static int soak(Arguments arguments, PrintStream out) throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    out.printf(
        Locale.ROOT,
        "Soak: %,d events/s from %d publishers for %d min; heap in use after a full GC every %d"
            + " s.%n",
        arguments.rate,
        arguments.publishers,
        arguments.duration.toMinutes(),
        SOAK_SAMPLE_EVERY.toSeconds());
    List<Long> samples = new ArrayList<>();
    LoadRun run =
        new LoadRun(
            new LoadRun.Settings(
                arguments.duration, arguments.rate, arguments.publishers, SOAK_SAMPLE_EVERY));
    LoadRun.Result result =
        run.run(
            progress -> {
              System.gc();
              long used = memory.getHeapMemoryUsage().getUsed();
              samples.add(used);
              out.printf(
                  Locale.ROOT,
                  "[%6.1f min] published %,13d  queued %,7d  heap after GC %,8.1f MiB%n",
                  progress.elapsed().toMillis() / 60_000.0,
                  progress.published(),
                  progress.queued(),
                  used / (1024.0 * 1024.0));
            });
    table(result).forEach(out::println);
    boolean flat = flat(samples);
    out.printf(
        Locale.ROOT,
        "Heap after GC: first %s, last %s, largest %s over %d samples: %s.%n",
        mebibytes(samples.isEmpty() ? 0 : samples.get(0)),
        mebibytes(samples.isEmpty() ? 0 : samples.get(samples.size() - 1)),
        mebibytes(samples.stream().mapToLong(Long::longValue).max().orElse(0)),
        samples.size(),
        flat ? "flat" : "GROWING");
    return result.accountedFor() && flat ? 0 : 1;
  }

  /**
   * Flat: no sample of the second half exceeds the first half's largest by more than {@link
   * #FLAT_MARGIN_BYTES}. Fewer than 4 samples say nothing, and count as not flat.
   */
  static boolean flat(List<Long> samples) {
    if (samples.size() < 4) {
      return false;
    }
    int half = samples.size() / 2;
    long firstHalfMax =
        samples.subList(0, half).stream().mapToLong(Long::longValue).max().orElse(0);
    long secondHalfMax =
        samples.subList(half, samples.size()).stream().mapToLong(Long::longValue).max().orElse(0);
    return secondHalfMax <= firstHalfMax + FLAT_MARGIN_BYTES;
  }

  static String progressLine(LoadRun.Progress progress) {
    double seconds = progress.elapsed().toNanos() / 1e9;
    StringBuilder line = new StringBuilder();
    line.append(
        String.format(
            Locale.ROOT,
            "[%5.1f s] published %,11d (%,8.0f/s) | delivered",
            seconds,
            progress.published(),
            seconds == 0 ? 0 : progress.published() / seconds));
    for (ProcessingMode mode : LoadRun.MODES) {
      line.append(
          String.format(
              Locale.ROOT,
              " %s %,d",
              mode.name().toLowerCase(Locale.ROOT),
              progress.deliveredByMode().getOrDefault(mode, 0L)));
    }
    line.append(String.format(Locale.ROOT, " | queued %,d", progress.queued()));
    return line.toString();
  }

  static List<String> table(LoadRun.Result result) {
    List<String> lines = new ArrayList<>();
    double seconds = result.publishing().toNanos() / 1e9;
    lines.add(
        String.format(
            Locale.ROOT,
            "Published %,d events in %.1f s (%,.0f/s). Per mode (publish-to-handler latency for"
                + " every event;",
            result.published(),
            seconds,
            result.published() / seconds));
    lines.add("handler time as the bus samples it, 1 call in 64):");
    lines.add(
        "  mode        delivered   deliveries/s  failed  dropped   e2e p50   e2e p99   e2e max"
            + "   handler p50  handler p99");
    for (LoadRun.ModeResult mode : result.modes()) {
      LatencySummary e2e = mode.endToEnd();
      LatencySummary handler = mode.handler();
      lines.add(
          String.format(
              Locale.ROOT,
              "  %-9s %,11d %,14.0f %7d %8d %9s %9s %9s %13s %12s",
              mode.mode(),
              mode.delivered(),
              mode.delivered() / seconds,
              mode.failed(),
              mode.dropped(),
              micros(e2e.p50Nanos()),
              micros(e2e.p99Nanos()),
              micros(e2e.maxNanos()),
              micros(handler.p50Nanos()),
              micros(handler.p99Nanos())));
    }
    lines.add(
        String.format(
            Locale.ROOT,
            "Stop drained %,d queued deliveries; %s. Every delivery accounted for: %s.",
            result.shutdown().drained(),
            result.shutdown().completedInTime() ? "in time" : "NOT in time",
            result.accountedFor() ? "yes" : "NO"));
    return lines;
  }

  private static String micros(long nanos) {
    return nanos < 10_000_000
        ? String.format(Locale.ROOT, "%.1f µs", nanos / 1e3)
        : String.format(Locale.ROOT, "%.0f ms", nanos / 1e6);
  }

  private static String mebibytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }

  /** Parsed arguments. */
  private static final class Arguments {
    boolean soak;
    Duration duration = DEFAULT_METRICS_RUN;
    int rate = DEFAULT_RATE;
    int publishers = DEFAULT_PUBLISHERS;

    static Arguments parse(String[] args) {
      Arguments parsed = new Arguments();
      boolean modeGiven = false;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--metrics" -> {
            modeGiven = requireOneMode(modeGiven);
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
              parsed.duration = Duration.ofSeconds(positive(arg, args[++i], 24 * 3600));
            }
          }
          case "--soak" -> {
            modeGiven = requireOneMode(modeGiven);
            parsed.soak = true;
            parsed.duration = Duration.ofMinutes(positive(arg, value(args, ++i, arg), 7 * 24 * 60));
          }
          case "--rate" -> parsed.rate = (int) positive(arg, value(args, ++i, arg), 10_000_000);
          case "--publishers" -> parsed.publishers = (int) positive(arg, value(args, ++i, arg), 64);
          default -> throw new IllegalArgumentException("unknown argument: " + arg);
        }
      }
      if (!modeGiven) {
        throw new IllegalArgumentException("--metrics or --soak is required with other options");
      }
      return parsed;
    }

    private static boolean requireOneMode(boolean alreadyGiven) {
      if (alreadyGiven) {
        throw new IllegalArgumentException("--metrics and --soak exclude each other");
      }
      return true;
    }

    private static String value(String[] args, int index, String option) {
      if (index >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[index];
    }

    private static long positive(String option, String text, long max) {
      long value;
      try {
        value = Long.parseLong(text);
      } catch (NumberFormatException notANumber) {
        throw new IllegalArgumentException(option + " needs a whole number but got " + text);
      }
      if (value < 1 || value > max) {
        throw new IllegalArgumentException(
            option + " must be in [1, " + max + "] but was " + value);
      }
      return value;
    }
  }
}
