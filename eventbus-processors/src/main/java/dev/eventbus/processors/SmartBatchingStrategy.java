package dev.eventbus.processors;

import dev.eventbus.api.BatchConfig;
import dev.eventbus.api.BatchTuning;
import java.time.Duration;
import java.util.Objects;

/**
 * Tunes one subscription's batch size and flush interval from what each flushed batch shows (seed
 * design 003's {@code SmartBatchingStrategy}, with a rule for idle periods added):
 *
 * <ol>
 *   <li>If the batch's latency (from its oldest event being queued to the handler finishing)
 *       exceeds {@link BatchConfig#targetLatency()}, shrink: latency comes first.
 *   <li>Else, if the batch filled up before its interval ran out, or events arrive at or above
 *       {@link BatchConfig#targetThroughput()}, grow: the load is high. The interval grows only
 *       after a batch its timer flushed: a batch that filled up was not held back by the interval,
 *       and a longer one would only make the last, partial batch of a flood wait longer (100 ms
 *       instead of 10 with the defaults, measured by {@code AdaptivePhasesBenchmark}).
 *   <li>Else, if the interval flushed a batch less than half full, shrink: the bus is idle, and
 *       small batches keep latency low.
 * </ol>
 *
 * Each step scales the size by {@code 1 ± learningRate} (by at least 1) within [{@link
 * BatchConfig#minBatchSize()}, {@link BatchConfig#maxBatchSize()}], and the interval by half that
 * step within [a tenth, ten times] the configured interval. A shrink after a batch that did not
 * fill up (its timer flushed it) first brings an interval grown past the configured one back to it:
 * the load has fallen, and each event of the next batch would otherwise wait the long interval a
 * flood left behind, for as many batches as the small steps take to come down. Thread-safe.
 */
final class SmartBatchingStrategy {

  private static final long MIN_INTERVAL_NANOS = 100_000;

  private final BatchConfig config;
  private final long minIntervalNanos;
  private final long maxIntervalNanos;
  private final long baseIntervalNanos;
  private int batchSize;
  private long intervalNanos;
  private long adjustments;

  /**
   * @param initialBatchSize where the size starts, clamped to the configured bounds
   */
  SmartBatchingStrategy(BatchConfig config, int initialBatchSize) {
    this.config = Objects.requireNonNull(config, "config");
    long base = config.batchInterval().toNanos();
    this.minIntervalNanos = Math.max(MIN_INTERVAL_NANOS, base / 10);
    this.maxIntervalNanos = Math.max(minIntervalNanos, base * 10);
    this.baseIntervalNanos = Math.max(minIntervalNanos, base);
    this.batchSize = clampSize(initialBatchSize);
    this.intervalNanos = base;
  }

  /** The current decision. */
  synchronized BatchTuning current() {
    return new BatchTuning(batchSize, Duration.ofNanos(intervalNanos), adjustments);
  }

  /**
   * Learns from one finished batch.
   *
   * @param size how many events it held
   * @param filledUp whether it flushed because it reached the batch size
   * @param latencyNanos from its oldest event being queued to the handler finishing
   * @param eventsPerSecond the subscription's recent arrival rate
   * @return the new decision
   */
  synchronized BatchTuning observe(
      int size, boolean filledUp, long latencyNanos, double eventsPerSecond) {
    double rate = config.learningRate();
    double factor;
    if (latencyNanos > config.targetLatency().toNanos()) {
      factor = 1 - rate;
    } else if (filledUp || eventsPerSecond >= config.targetThroughput()) {
      factor = 1 + rate;
    } else if (size * 2 < batchSize) {
      factor = 1 - rate;
    } else {
      factor = 1;
    }
    if (factor != 1) {
      long from =
          factor < 1 && !filledUp ? Math.min(intervalNanos, baseIntervalNanos) : intervalNanos;
      int scaled = (int) Math.round(batchSize * factor);
      if (scaled == batchSize) {
        scaled += factor > 1 ? 1 : -1;
      }
      int newSize = clampSize(scaled);
      long newInterval =
          factor > 1 && filledUp
              ? intervalNanos
              : Math.min(
                  maxIntervalNanos,
                  Math.max(minIntervalNanos, Math.round(from * (1 + (factor - 1) / 2))));
      if (newSize != batchSize || newInterval != intervalNanos) {
        batchSize = newSize;
        intervalNanos = newInterval;
        adjustments++;
      }
    }
    return current();
  }

  private int clampSize(int size) {
    return Math.max(config.minBatchSize(), Math.min(config.maxBatchSize(), size));
  }
}
