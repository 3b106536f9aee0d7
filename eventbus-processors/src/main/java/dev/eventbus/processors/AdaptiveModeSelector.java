package dev.eventbus.processors;

import dev.eventbus.api.AdaptiveConfig;
import dev.eventbus.api.ProcessingMode;
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
  }

  ProcessingMode current() {
    return current;
  }

  long switches() {
    return switches;
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
      current = candidate;
      switches++;
    }
    return current;
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
