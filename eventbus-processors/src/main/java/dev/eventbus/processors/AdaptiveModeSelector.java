package dev.eventbus.processors;

import dev.eventbus.api.AdaptiveConfig;
import dev.eventbus.api.ProcessingMode;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Chooses SYNC, ASYNC or BATCH for one subscription from one window's measures at a time, with the
 * thresholds and hysteresis of {@link AdaptiveConfig}. Not thread-safe: its owner calls it under a
 * lock.
 *
 * <p>The rules, first match wins. For a handler that takes batches: BATCH when events arrive at
 * {@code batchRateThreshold} or more (half of it to stay); BATCH when it is the bottleneck, that is
 * one call per event would keep it busy {@value #HANDLER_BOUND_ENTER} of the time or more (to stay:
 * {@value #HANDLER_BOUND_STAY} at the per-call time last measured outside BATCH), since then the
 * rate seen is what the handler lets through, not what publishers would send. For every handler:
 * ASYNC when it takes {@code asyncLatencyThreshold} or more per event (half of it to stay); else
 * SYNC. A handler that does not take batches never gets BATCH: it would be called once per event
 * anyway, off the publisher's thread, which ASYNC does with less delay, and under a flood of cheap
 * events a direct call is the fastest of all (see {@code AdaptivePhasesBenchmark}).
 */
final class AdaptiveModeSelector {

  /** The share of time busy from which a handler that takes batches moves to BATCH. */
  static final double HANDLER_BOUND_ENTER = 0.8;

  /** The share of time busy, at its unbatched per-call time, below which it leaves BATCH. */
  static final double HANDLER_BOUND_STAY = 0.5;

  /** Which rule chose a mode, for {@link #reason()}. */
  private enum Rule {
    RATE,
    HANDLER_BOUND,
    LATENCY,
    QUIET,
    PINNED
  }

  private final Supplier<AdaptiveConfig> config;
  private final boolean mayLeaveThePublisher;
  private final boolean takesBatches;
  private ProcessingMode current = ProcessingMode.SYNC;
  private ProcessingMode candidate = ProcessingMode.SYNC;
  private int streak;
  private long switches;
  private double lastLatencyNanos;
  private double lastUnbatchedLatencyNanos;
  private Rule rule = Rule.QUIET;
  private String reason;

  /**
   * @param mayLeaveThePublisher whether the handler may run off the publisher's thread (see {@link
   *     dev.eventbus.api.EventHandler#supportsAsync()}); if not, the choice stays SYNC
   */
  AdaptiveModeSelector(AdaptiveConfig config, boolean mayLeaveThePublisher) {
    this(() -> config, mayLeaveThePublisher, false);
  }

  /**
   * @param takesBatches whether the handler takes a whole batch in one call (a {@link
   *     dev.eventbus.api.BatchEventHandler}), so that BATCH saves it calls
   */
  AdaptiveModeSelector(AdaptiveConfig config, boolean mayLeaveThePublisher, boolean takesBatches) {
    this(() -> config, mayLeaveThePublisher, takesBatches);
  }

  /**
   * @param config the thresholds now (read at every window, so a reconfigured bus applies them)
   */
  AdaptiveModeSelector(
      Supplier<AdaptiveConfig> config, boolean mayLeaveThePublisher, boolean takesBatches) {
    this.config = config;
    this.mayLeaveThePublisher = mayLeaveThePublisher;
    this.takesBatches = takesBatches;
    this.reason =
        mayLeaveThePublisher
            ? "SYNC: no window measured yet"
            : "SYNC: the handler must run on the publisher's thread (supportsAsync() is false)";
  }

  ProcessingMode current() {
    return current;
  }

  long switches() {
    return switches;
  }

  /** {@return the measures and thresholds behind the current mode} */
  String reason() {
    return reason;
  }

  /**
   * Takes one window's measures.
   *
   * @param ratePerSecond arrivals per second in the window
   * @param meanLatencyNanos the handler's mean time per event in the window, or a negative number
   *     if no delivery finished in it (the last measured latency then stands)
   * @return the mode to use from now on
   */
  ProcessingMode evaluate(double ratePerSecond, double meanLatencyNanos) {
    if (meanLatencyNanos >= 0) {
      lastLatencyNanos = meanLatencyNanos;
      if (current != ProcessingMode.BATCH) {
        lastUnbatchedLatencyNanos = meanLatencyNanos;
      }
    }
    ProcessingMode wanted = wanted(ratePerSecond, lastLatencyNanos);
    if (wanted == candidate) {
      streak++;
    } else {
      candidate = wanted;
      streak = 1;
    }
    if (candidate != current && streak >= config.get().stableWindows()) {
      reason = explain(candidate, ratePerSecond, streak);
      current = candidate;
      switches++;
    }
    return current;
  }

  private ProcessingMode wanted(double rate, double latency) {
    if (!mayLeaveThePublisher) {
      rule = Rule.PINNED;
      return ProcessingMode.SYNC;
    }
    AdaptiveConfig thresholds = config.get();
    double batchFrom =
        thresholds.batchRateThreshold() * (current == ProcessingMode.BATCH ? 0.5 : 1);
    if (takesBatches && rate >= batchFrom) {
      rule = Rule.RATE;
      return ProcessingMode.BATCH;
    }
    if (takesBatches
        && busy(rate)
            >= (current == ProcessingMode.BATCH ? HANDLER_BOUND_STAY : HANDLER_BOUND_ENTER)) {
      rule = Rule.HANDLER_BOUND;
      return ProcessingMode.BATCH;
    }
    double asyncFrom =
        thresholds.asyncLatencyThreshold().toNanos() * (current == ProcessingMode.ASYNC ? 0.5 : 1);
    if (latency >= asyncFrom) {
      rule = Rule.LATENCY;
      return ProcessingMode.ASYNC;
    }
    rule = Rule.QUIET;
    return ProcessingMode.SYNC;
  }

  /** The share of time one call per event at {@code rate} keeps the handler busy. */
  private double busy(double rate) {
    return rate * lastUnbatchedLatencyNanos / 1e9;
  }

  /** Why {@code chosen} was chosen, as {@link #wanted} decided it from these measures. */
  private String explain(ProcessingMode chosen, double rate, int windows) {
    AdaptiveConfig thresholds = config.get();
    String measured =
        String.format(
            Locale.ROOT,
            "%.0f events/s, handler %s for %d window(s)",
            rate,
            lastLatencyNanos > 0
                ? String.format(Locale.ROOT, "%.1f µs", lastLatencyNanos / 1e3)
                : "not measured",
            windows);
    return switch (rule) {
      case RATE ->
          chosen
              + ": "
              + measured
              + "; rate >= batchRateThreshold "
              + thresholds.batchRateThreshold();
      case HANDLER_BOUND ->
          String.format(
              Locale.ROOT,
              "%s: %s; the handler takes batches and one call per event (%.1f µs) would keep it"
                  + " busy %.0f%% of the time",
              chosen,
              measured,
              lastUnbatchedLatencyNanos / 1e3,
              busy(rate) * 100);
      case LATENCY ->
          chosen
              + ": "
              + measured
              + "; rate < batchRateThreshold, handler >= asyncLatencyThreshold "
              + thresholds.asyncLatencyThreshold();
      case QUIET ->
          chosen
              + ": "
              + measured
              + "; rate < batchRateThreshold, handler < asyncLatencyThreshold "
              + thresholds.asyncLatencyThreshold();
      case PINNED ->
          chosen + ": the handler must run on the publisher's thread (supportsAsync() is false)";
    };
  }
}
