package dev.eventbus.api;

import java.time.Duration;
import java.util.Objects;

/**
 * The whole configuration of one bus. Immutable and thread-safe; build it with {@link #builder()}
 * or start from {@link #defaults()} and change parts with {@link #toBuilder()}. Two configurations
 * with the same values are {@linkplain #equals(Object) equal}.
 *
 * <p>Defaults: {@link ProcessingMode#SYNC}, 30 s shutdown timeout, 10 000 cached type resolutions,
 * {@link RetryPolicy#none()}, a dead-letter queue of 10 000 entries, and the defaults of each part.
 *
 * <p>Making one throws {@link IllegalArgumentException} if a value is out of range (the message
 * names the field and the value); {@link NullPointerException} if a value is null.
 *
 * @param defaultMode the mode of subscriptions that do not choose one
 * @param shutdownTimeout how long {@code close()} waits for queues to drain, at least 0
 * @param typeCacheSize how many event classes' resolved subscriber lists the bus caches, at least 1
 * @param defaultRetryPolicy the retry policy of subscriptions that do not set their own
 * @param deadLetterCapacity how many final failures the bus's in-memory dead-letter queue keeps
 *     before it evicts the oldest, at least 1 (unused when the bus has a dead-letter handler of its
 *     own)
 * @param async how {@code ASYNC} delivery is laid out
 * @param batch how {@code BATCH} subscriptions accumulate events
 * @param adaptive how {@code ADAPTIVE} subscriptions choose their mode
 * @param metrics what the bus counts
 * @param storage the tunables of durable delivery, used only by a bus built with storage
 * @since 0.1
 */
public record EventBusConfig(
    ProcessingMode defaultMode,
    Duration shutdownTimeout,
    int typeCacheSize,
    RetryPolicy defaultRetryPolicy,
    int deadLetterCapacity,
    AsyncConfig async,
    BatchConfig batch,
    AdaptiveConfig adaptive,
    MetricsConfig metrics,
    StorageConfig storage) {

  /**
   * Checks every value.
   *
   * @param defaultMode the mode of subscriptions that do not choose one
   * @param shutdownTimeout how long {@code close()} waits for queues to drain, at least 0
   * @param typeCacheSize how many event classes' resolved subscriber lists the bus caches, at least
   *     1
   * @param defaultRetryPolicy the retry policy of subscriptions that do not set their own
   * @param deadLetterCapacity how many final failures the bus's in-memory dead-letter queue keeps
   *     before it evicts the oldest, at least 1 (unused when the bus has a dead-letter handler of
   *     its own)
   * @param async how {@code ASYNC} delivery is laid out
   * @param batch how {@code BATCH} subscriptions accumulate events
   * @param adaptive how {@code ADAPTIVE} subscriptions choose their mode
   * @param metrics what the bus counts
   * @param storage the tunables of durable delivery, used only by a bus built with storage
   * @throws IllegalArgumentException if a value is out of range, naming the field and the value
   * @throws NullPointerException if a value is null, naming the field
   */
  public EventBusConfig {
    Objects.requireNonNull(defaultMode, "defaultMode");
    Require.nonNegative("shutdownTimeout", shutdownTimeout);
    Require.atLeast("typeCacheSize", typeCacheSize, 1);
    Objects.requireNonNull(defaultRetryPolicy, "defaultRetryPolicy");
    Require.atLeast("deadLetterCapacity", deadLetterCapacity, 1);
    Objects.requireNonNull(async, "async");
    Objects.requireNonNull(batch, "batch");
    Objects.requireNonNull(adaptive, "adaptive");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(storage, "storage");
  }

  /** {@return the default configuration (listed in the class description)} */
  public static EventBusConfig defaults() {
    return builder().build();
  }

  /** {@return a builder that starts from the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder that starts from this configuration's values} */
  public Builder toBuilder() {
    return new Builder()
        .defaultMode(defaultMode)
        .shutdownTimeout(shutdownTimeout)
        .typeCacheSize(typeCacheSize)
        .defaultRetryPolicy(defaultRetryPolicy)
        .deadLetterCapacity(deadLetterCapacity)
        .async(async)
        .batch(batch)
        .adaptive(adaptive)
        .metrics(metrics)
        .storage(storage);
  }

  /** Builds an {@link EventBusConfig}; {@link #build()} checks the values. Not thread-safe. */
  public static final class Builder {
    private ProcessingMode defaultMode = ProcessingMode.SYNC;
    private Duration shutdownTimeout = Duration.ofSeconds(30);
    private int typeCacheSize = 10_000;
    private RetryPolicy defaultRetryPolicy = RetryPolicy.none();
    private int deadLetterCapacity = 10_000;
    private AsyncConfig async = AsyncConfig.defaults();
    private BatchConfig batch = BatchConfig.defaults();
    private AdaptiveConfig adaptive = AdaptiveConfig.defaults();
    private MetricsConfig metrics = MetricsConfig.defaults();
    private StorageConfig storage = StorageConfig.defaults();

    private Builder() {}

    /**
     * Sets {@link EventBusConfig#defaultMode() the default mode}; {@link ProcessingMode#SYNC}
     * unless set.
     *
     * @param defaultMode the mode of subscriptions that do not choose one
     * @return this builder
     */
    public Builder defaultMode(ProcessingMode defaultMode) {
      this.defaultMode = defaultMode;
      return this;
    }

    /**
     * Sets {@link EventBusConfig#shutdownTimeout() the shutdown timeout}; 30 s unless set.
     *
     * @param shutdownTimeout how long {@code close()} waits, at least 0
     * @return this builder
     */
    public Builder shutdownTimeout(Duration shutdownTimeout) {
      this.shutdownTimeout = shutdownTimeout;
      return this;
    }

    /**
     * Sets {@link EventBusConfig#typeCacheSize() the type cache size}; 10 000 unless set.
     *
     * @param typeCacheSize how many event classes' subscriber lists are cached, at least 1
     * @return this builder
     */
    public Builder typeCacheSize(int typeCacheSize) {
      this.typeCacheSize = typeCacheSize;
      return this;
    }

    /**
     * Sets {@link EventBusConfig#defaultRetryPolicy() the default retry policy}; {@link
     * RetryPolicy#none()} unless set.
     *
     * @param defaultRetryPolicy the policy of subscriptions that do not set their own
     * @return this builder
     */
    public Builder defaultRetryPolicy(RetryPolicy defaultRetryPolicy) {
      this.defaultRetryPolicy = defaultRetryPolicy;
      return this;
    }

    /**
     * Sets {@link EventBusConfig#deadLetterCapacity() the dead-letter capacity}; 10 000 unless set.
     *
     * @param deadLetterCapacity how many final failures are kept in memory, at least 1
     * @return this builder
     */
    public Builder deadLetterCapacity(int deadLetterCapacity) {
      this.deadLetterCapacity = deadLetterCapacity;
      return this;
    }

    /**
     * Sets {@link EventBusConfig#async() the async layout}; {@link AsyncConfig#defaults()} unless
     * set.
     *
     * @param async how {@code ASYNC} delivery is laid out
     * @return this builder
     */
    public Builder async(AsyncConfig async) {
      this.async = async;
      return this;
    }

    /**
     * Sets {@link EventBusConfig#batch() the batch settings}; {@link BatchConfig#defaults()} unless
     * set.
     *
     * @param batch how {@code BATCH} subscriptions accumulate events
     * @return this builder
     */
    public Builder batch(BatchConfig batch) {
      this.batch = batch;
      return this;
    }

    /**
     * Sets {@link EventBusConfig#adaptive() the adaptive settings}; {@link
     * AdaptiveConfig#defaults()} unless set.
     *
     * @param adaptive how {@code ADAPTIVE} subscriptions choose their mode
     * @return this builder
     */
    public Builder adaptive(AdaptiveConfig adaptive) {
      this.adaptive = adaptive;
      return this;
    }

    /**
     * Sets {@link EventBusConfig#metrics() the metrics settings}; {@link MetricsConfig#defaults()}
     * unless set.
     *
     * @param metrics what the bus counts
     * @return this builder
     */
    public Builder metrics(MetricsConfig metrics) {
      this.metrics = metrics;
      return this;
    }

    /**
     * Sets {@link EventBusConfig#storage() the storage tunables}; {@link StorageConfig#defaults()}
     * unless set.
     *
     * @param storage the tunables of durable delivery
     * @return this builder
     */
    public Builder storage(StorageConfig storage) {
      this.storage = storage;
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return a configuration with this builder's values
     * @throws IllegalArgumentException if a value is out of range, naming the field and the value
     * @throws NullPointerException if a value is null, naming the field
     */
    public EventBusConfig build() {
      return new EventBusConfig(
          defaultMode,
          shutdownTimeout,
          typeCacheSize,
          defaultRetryPolicy,
          deadLetterCapacity,
          async,
          batch,
          adaptive,
          metrics,
          storage);
    }
  }
}
