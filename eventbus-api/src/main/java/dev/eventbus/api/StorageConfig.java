package dev.eventbus.api;

import java.time.Duration;

/**
 * The tunables of durable delivery, used when the bus is built with storage (see {@code
 * dev.eventbus.durable.DurableStorage}) and ignored otherwise: appends are grouped up to {@link
 * #appendBatchSize()} events, completions are written every {@link #flushInterval()}, completed
 * delivery records are kept for {@link #retention()}, and no event larger than {@link
 * #maxEventSize()} is stored. Immutable.
 *
 * <p>Defaults: groups of 256 events, completions every 5 ms, 7 days' retention, events up to 1 MiB.
 *
 * <p>Making one throws {@link IllegalArgumentException} if a value is out of range (the message
 * names the field and the value); {@link NullPointerException} if a value is null.
 *
 * @param appendBatchSize the most events one group commit appends, at least 1
 * @param flushInterval how often completions are written, at least 0
 * @param retention how long completed delivery records are kept, above 0
 * @param maxEventSize the largest event the bus stores, in bytes, at least 1: the size of its
 *     encoded form, the data (the codec's tree) and the headers each written as compact JSON in
 *     UTF-8, which is what the JDBC store keeps. A publish of a larger event throws {@link
 *     EventTooLargeException} before anything is stored or delivered, whatever the store. The
 *     default, {@link #DEFAULT_MAX_EVENT_SIZE} (1 MiB), keeps one append, one row and one read of
 *     an event bounded; an event store is no place for files.
 * @since 0.1
 */
public record StorageConfig(
    int appendBatchSize, Duration flushInterval, Duration retention, int maxEventSize) {

  /** The default {@link #maxEventSize()}: 1 MiB. */
  public static final int DEFAULT_MAX_EVENT_SIZE = 1 << 20;

  private static final StorageConfig DEFAULTS = builder().build();

  /**
   * Checks every value.
   *
   * @param appendBatchSize the most events one group commit appends, at least 1
   * @param flushInterval how often completions are written, at least 0
   * @param retention how long completed delivery records are kept, above 0
   * @param maxEventSize the largest event the bus stores, in bytes, at least 1: the size of its
   *     encoded form, the data (the codec's tree) and the headers each written as compact JSON in
   *     UTF-8, which is what the JDBC store keeps. A publish of a larger event throws {@link
   *     EventTooLargeException} before anything is stored or delivered, whatever the store. The
   *     default, {@link #DEFAULT_MAX_EVENT_SIZE} (1 MiB), keeps one append, one row and one read of
   *     an event bounded; an event store is no place for files.
   * @throws IllegalArgumentException if a value is out of range, naming the field and the value
   * @throws NullPointerException if a value is null, naming the field
   */
  public StorageConfig {
    Require.atLeast("storage.appendBatchSize", appendBatchSize, 1);
    Require.nonNegative("storage.flushInterval", flushInterval);
    Require.positive("storage.retention", retention);
    Require.atLeast("storage.maxEventSize", maxEventSize, 1);
  }

  /** {@return the default tunables (listed in the class description)} */
  public static StorageConfig defaults() {
    return DEFAULTS;
  }

  /** {@return a builder that starts from the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder that starts from these tunables' values} */
  public Builder toBuilder() {
    return new Builder()
        .appendBatchSize(appendBatchSize)
        .flushInterval(flushInterval)
        .retention(retention)
        .maxEventSize(maxEventSize);
  }

  /** Builds a {@link StorageConfig}; {@link #build()} checks the values. Not thread-safe. */
  public static final class Builder {
    private int appendBatchSize = 256;
    private Duration flushInterval = Duration.ofMillis(5);
    private Duration retention = Duration.ofDays(7);
    private int maxEventSize = DEFAULT_MAX_EVENT_SIZE;

    private Builder() {}

    /**
     * Sets {@link StorageConfig#appendBatchSize()}; 256 unless set.
     *
     * @param appendBatchSize the most events one group commit appends, at least 1
     * @return this builder
     */
    public Builder appendBatchSize(int appendBatchSize) {
      this.appendBatchSize = appendBatchSize;
      return this;
    }

    /**
     * Sets {@link StorageConfig#flushInterval()}; 5 ms unless set.
     *
     * @param flushInterval how often completions are written, at least 0
     * @return this builder
     */
    public Builder flushInterval(Duration flushInterval) {
      this.flushInterval = flushInterval;
      return this;
    }

    /**
     * Sets {@link StorageConfig#retention()}; 7 days unless set.
     *
     * @param retention how long completed delivery records are kept, above 0
     * @return this builder
     */
    public Builder retention(Duration retention) {
      this.retention = retention;
      return this;
    }

    /**
     * The largest event the bus stores, in bytes of its encoded form; see {@link #maxEventSize()}.
     *
     * @param maxEventSize at least 1; {@link #DEFAULT_MAX_EVENT_SIZE} unless set
     * @return this builder
     */
    public Builder maxEventSize(int maxEventSize) {
      this.maxEventSize = maxEventSize;
      return this;
    }

    /**
     * Builds the tunables.
     *
     * @return tunables with this builder's values
     * @throws IllegalArgumentException if a value is out of range, naming the field and the value
     * @throws NullPointerException if a value is null, naming the field
     */
    public StorageConfig build() {
      return new StorageConfig(appendBatchSize, flushInterval, retention, maxEventSize);
    }
  }
}
