package dev.eventbus.processors;

import dev.eventbus.api.AdaptiveConfig;
import dev.eventbus.api.ProcessingMode;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Chooses SYNC, ASYNC or BATCH for one subscription from one window's measures at a time, with the
 * thresholds and hysteresis of {@link AdaptiveConfig}. Not thread-safe: its owner calls it under a
 * lock.
 */
final class AdaptiveModeSelector {

  private final Supplier<AdaptiveConfig> config;
  private final boolean mayLeaveThePublisher;
  private ProcessingMode current = ProcessingMode.SYNC;
  private ProcessingMode candidate = ProcessingMode.SYNC;
  private int streak;
  private long switches;
  private double lastLatencyNanos;
  private String reason;

  /**
   * @param mayLeaveThePublisher whether the handler may run off the publisher's thread (see {@link
   *     dev.eventbus.api.EventHandler#supportsAsync()}); if not, the choice stays SYNC
   */
  AdaptiveModeSelector(AdaptiveConfig config, boolean mayLeaveThePublisher) {
    this(() -> config, mayLeaveThePublisher);
  }

  /**
   * @param config the thresholds now (read at every window, so a reconfigured bus applies them)
   */
  AdaptiveModeSelector(Supplier<AdaptiveConfig> config, boolean mayLeaveThePublisher) {
    this.config = config;
    this.mayLeaveThePublisher = mayLeaveThePublisher;
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
    }
    ProcessingMode wanted = wanted(ratePerSecond, lastLatencyNanos);
    if (wanted == candidate) {
      streak++;
    } else {
      candidate = wanted;
      streak = 1;
    }
    if (candidate != current && streak >= config.get().stableWindows()) {
      reason = explain(candidate, ratePerSecond, lastLatencyNanos, streak);
      current = candidate;
      switches++;
    }
    return current;
  }

  /** Why {@code chosen} was chosen, as {@link #wanted} decided it from these measures. */
  private String explain(ProcessingMode chosen, double rate, double latencyNanos, int windows) {
    AdaptiveConfig thresholds = config.get();
    String measured =
        String.format(
            Locale.ROOT,
            "%.0f events/s, handler %s for %d window(s)",
            rate,
            latencyNanos > 0
                ? String.format(Locale.ROOT, "%.1f µs", latencyNanos / 1e3)
                : "not measured",
            windows);
    return switch (chosen) {
      case BATCH ->
          "BATCH: " + measured + "; rate >= batchRateThreshold " + thresholds.batchRateThreshold();
      case ASYNC ->
          "ASYNC: "
              + measured
              + "; rate < batchRateThreshold, handler >= asyncLatencyThreshold "
              + thresholds.asyncLatencyThreshold();
      default ->
          "SYNC: "
              + measured
              + "; rate < batchRateThreshold, handler < asyncLatencyThreshold "
              + thresholds.asyncLatencyThreshold();
    };
  }

  private ProcessingMode wanted(double rate, double latency) {
    if (!mayLeaveThePublisher) {
      return ProcessingMode.SYNC;
    }
    AdaptiveConfig thresholds = config.get();
    double batchFrom =
        thresholds.batchRateThreshold() * (current == ProcessingMode.BATCH ? 0.5 : 1);
    if (rate >= batchFrom) {
      return ProcessingMode.BATCH;
    }
    double asyncFrom =
        thresholds.asyncLatencyThreshold().toNanos() * (current == ProcessingMode.ASYNC ? 0.5 : 1);
    return latency >= asyncFrom ? ProcessingMode.ASYNC : ProcessingMode.SYNC;
  }
}
