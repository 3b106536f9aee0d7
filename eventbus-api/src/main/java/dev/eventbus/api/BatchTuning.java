package dev.eventbus.api;

import java.time.Duration;
import java.util.Objects;

/**
 * The batch size and flush interval one subscription uses now, as its adaptive batching strategy
 * (or its configuration) set them.
 *
 * @param batchSize the size a batch flushes at, at least 1
 * @param interval the longest an event waits for its batch to fill
 * @param adjustments how often the strategy has changed size or interval so far
 * @since 0.1
 */
public record BatchTuning(int batchSize, Duration interval, long adjustments) {

  /**
   * Checks the components.
   *
   * @param batchSize the size a batch flushes at, at least 1
   * @param interval the longest an event waits for its batch to fill
   * @param adjustments how often the strategy has changed size or interval so far
   * @throws NullPointerException if {@code interval} is null
   * @throws IllegalArgumentException if {@code batchSize < 1}
   */
  public BatchTuning {
    Objects.requireNonNull(interval, "interval");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1 but was " + batchSize);
    }
  }
}
