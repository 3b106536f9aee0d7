package dev.eventbus.api.config;

import java.time.Duration;

/**
 * Durable delivery, used when the bus has an {@link dev.eventbus.api.spi.EventStore}: appends are
 * grouped up to {@link #appendBatchSize()} events or {@link #flushInterval()}, completed delivery
 * records are kept for {@link #retention()}, and a snapshot is suggested every {@link
 * #snapshotEvery()} events. Immutable.
 *
 * <p>Defaults: disabled, groups of 256 events or 5 ms, 7 days' retention, a snapshot every 1 000
 * events.
 *
 * @since 0.1
 */
public final class StorageConfig {

  private static final StorageConfig DEFAULTS = builder().build();

  private final boolean enabled;
  private final int appendBatchSize;
  private final Duration flushInterval;
  private final Duration retention;
  private final int snapshotEvery;

  private StorageConfig(Builder builder) {
    this.enabled = builder.enabled;
    this.appendBatchSize = builder.appendBatchSize;
    this.flushInterval = builder.flushInterval;
    this.retention = builder.retention;
    this.snapshotEvery = builder.snapshotEvery;
  }

  public static StorageConfig defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .enabled(enabled)
        .appendBatchSize(appendBatchSize)
        .flushInterval(flushInterval)
        .retention(retention)
        .snapshotEvery(snapshotEvery);
  }

  public boolean enabled() {
    return enabled;
  }

  public int appendBatchSize() {
    return appendBatchSize;
  }

  public Duration flushInterval() {
    return flushInterval;
  }

  public Duration retention() {
    return retention;
  }

  public int snapshotEvery() {
    return snapshotEvery;
  }

  @Override
  public String toString() {
    return "StorageConfig{enabled="
        + enabled
        + ", appendBatchSize="
        + appendBatchSize
        + ", flushInterval="
        + flushInterval
        + ", retention="
        + retention
        + ", snapshotEvery="
        + snapshotEvery
        + '}';
  }

  /** Builds a {@link StorageConfig}. Not thread-safe. */
  public static final class Builder {
    private boolean enabled;
    private int appendBatchSize = 256;
    private Duration flushInterval = Duration.ofMillis(5);
    private Duration retention = Duration.ofDays(7);
    private int snapshotEvery = 1_000;

    private Builder() {}

    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /**
     * @throws IllegalArgumentException if below 1
     */
    public Builder appendBatchSize(int appendBatchSize) {
      this.appendBatchSize = Require.atLeast("storage.appendBatchSize", appendBatchSize, 1);
      return this;
    }

    /**
     * @throws IllegalArgumentException if negative
     */
    public Builder flushInterval(Duration flushInterval) {
      this.flushInterval = Require.nonNegative("storage.flushInterval", flushInterval);
      return this;
    }

    /**
     * @throws IllegalArgumentException if not positive
     */
    public Builder retention(Duration retention) {
      this.retention = Require.positive("storage.retention", retention);
      return this;
    }

    /**
     * @throws IllegalArgumentException if below 1
     */
    public Builder snapshotEvery(int snapshotEvery) {
      this.snapshotEvery = Require.atLeast("storage.snapshotEvery", snapshotEvery, 1);
      return this;
    }

    public StorageConfig build() {
      return new StorageConfig(this);
    }
  }
}
