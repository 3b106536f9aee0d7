package dev.eventbus.api;

import java.time.Duration;

/**
 * The tunables of durable delivery, used when the bus is built with storage (see {@code
 * dev.eventbus.durable.DurableStorage}) and ignored otherwise: appends are grouped up to {@link
 * #appendBatchSize()} events, completions are written every {@link #flushInterval()}, and completed
 * delivery records are kept for {@link #retention()}. Immutable.
 *
 * <p>Defaults: groups of 256 events, completions every 5 ms, 7 days' retention.
 *
 * @param appendBatchSize the most events one group commit appends, at least 1
 * @param flushInterval how often completions are written, at least 0
 * @param retention how long completed delivery records are kept, above 0
 * @throws IllegalArgumentException if a value is out of range (the message names the field and the
 *     value)
 * @throws NullPointerException if a value is null
 * @since 0.1
 */
public record StorageConfig(int appendBatchSize, Duration flushInterval, Duration retention) {

  private static final StorageConfig DEFAULTS = builder().build();

  public StorageConfig {
    Require.atLeast("storage.appendBatchSize", appendBatchSize, 1);
    Require.nonNegative("storage.flushInterval", flushInterval);
    Require.positive("storage.retention", retention);
  }

  public static StorageConfig defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .appendBatchSize(appendBatchSize)
        .flushInterval(flushInterval)
        .retention(retention);
  }

  /** Builds a {@link StorageConfig}; {@link #build()} checks the values. Not thread-safe. */
  public static final class Builder {
    private int appendBatchSize = 256;
    private Duration flushInterval = Duration.ofMillis(5);
    private Duration retention = Duration.ofDays(7);

    private Builder() {}

    public Builder appendBatchSize(int appendBatchSize) {
      this.appendBatchSize = appendBatchSize;
      return this;
    }

    public Builder flushInterval(Duration flushInterval) {
      this.flushInterval = flushInterval;
      return this;
    }

    public Builder retention(Duration retention) {
      this.retention = retention;
      return this;
    }

    /**
     * @throws IllegalArgumentException if a value is out of range, naming the field and the value
     * @throws NullPointerException if a value is null, naming the field
     */
    public StorageConfig build() {
      return new StorageConfig(appendBatchSize, flushInterval, retention);
    }
  }
}
