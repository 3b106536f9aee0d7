package dev.eventbus.api.config;

import dev.eventbus.api.ProcessingMode;
import java.time.Duration;
import java.util.Objects;

/**
 * The whole configuration of one bus. Immutable and thread-safe; build it with {@link #builder()}
 * or start from {@link #defaults()} and change parts with {@link #toBuilder()}.
 *
 * <p>Defaults: {@link ProcessingMode#SYNC}, 30 s shutdown timeout, 10 000 cached type resolutions,
 * and the defaults of each part.
 *
 * @since 0.1
 */
public final class EventBusConfig {

  private final ProcessingMode defaultMode;
  private final Duration shutdownTimeout;
  private final int typeCacheSize;
  private final BatchConfig batch;
  private final AsyncConfig async;
  private final RetryConfig retry;
  private final MetricsConfig metrics;
  private final StorageConfig storage;
  private final AdaptiveConfig adaptive;

  private EventBusConfig(Builder builder) {
    this.defaultMode = builder.defaultMode;
    this.shutdownTimeout = builder.shutdownTimeout;
    this.typeCacheSize = builder.typeCacheSize;
    this.batch = builder.batch;
    this.async = builder.async;
    this.retry = builder.retry;
    this.metrics = builder.metrics;
    this.storage = builder.storage;
    this.adaptive = builder.adaptive;
  }

  public static EventBusConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .defaultMode(defaultMode)
        .shutdownTimeout(shutdownTimeout)
        .typeCacheSize(typeCacheSize)
        .batch(batch)
        .async(async)
        .retry(retry)
        .metrics(metrics)
        .storage(storage)
        .adaptive(adaptive);
  }

  /** The mode of subscriptions that do not choose one. */
  public ProcessingMode defaultMode() {
    return defaultMode;
  }

  /** How long {@code close()} waits for queues to drain. */
  public Duration shutdownTimeout() {
    return shutdownTimeout;
  }

  /** How many event classes' resolved subscriber lists the bus caches. */
  public int typeCacheSize() {
    return typeCacheSize;
  }

  public BatchConfig batch() {
    return batch;
  }

  public AsyncConfig async() {
    return async;
  }

  public RetryConfig retry() {
    return retry;
  }

  public MetricsConfig metrics() {
    return metrics;
  }

  public StorageConfig storage() {
    return storage;
  }

  public AdaptiveConfig adaptive() {
    return adaptive;
  }

  @Override
  public String toString() {
    return "EventBusConfig{defaultMode="
        + defaultMode
        + ", shutdownTimeout="
        + shutdownTimeout
        + ", typeCacheSize="
        + typeCacheSize
        + ", batch="
        + batch
        + ", async="
        + async
        + ", retry="
        + retry
        + ", metrics="
        + metrics
        + ", storage="
        + storage
        + ", adaptive="
        + adaptive
        + '}';
  }

  /** Builds an {@link EventBusConfig}. Not thread-safe. */
  public static final class Builder {
    private ProcessingMode defaultMode = ProcessingMode.SYNC;
    private Duration shutdownTimeout = Duration.ofSeconds(30);
    private int typeCacheSize = 10_000;
    private BatchConfig batch = BatchConfig.defaults();
    private AsyncConfig async = AsyncConfig.defaults();
    private RetryConfig retry = RetryConfig.defaults();
    private MetricsConfig metrics = MetricsConfig.defaults();
    private StorageConfig storage = StorageConfig.defaults();
    private AdaptiveConfig adaptive = AdaptiveConfig.defaults();

    private Builder() {}

    public Builder defaultMode(ProcessingMode defaultMode) {
      this.defaultMode = Objects.requireNonNull(defaultMode, "defaultMode");
      return this;
    }

    /**
     * @throws IllegalArgumentException if negative
     */
    public Builder shutdownTimeout(Duration shutdownTimeout) {
      this.shutdownTimeout = Require.nonNegative("shutdownTimeout", shutdownTimeout);
      return this;
    }

    /**
     * @throws IllegalArgumentException if below 1
     */
    public Builder typeCacheSize(int typeCacheSize) {
      this.typeCacheSize = Require.atLeast("typeCacheSize", typeCacheSize, 1);
      return this;
    }

    public Builder batch(BatchConfig batch) {
      this.batch = Objects.requireNonNull(batch, "batch");
      return this;
    }

    public Builder async(AsyncConfig async) {
      this.async = Objects.requireNonNull(async, "async");
      return this;
    }

    public Builder retry(RetryConfig retry) {
      this.retry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    public Builder metrics(MetricsConfig metrics) {
      this.metrics = Objects.requireNonNull(metrics, "metrics");
      return this;
    }

    public Builder storage(StorageConfig storage) {
      this.storage = Objects.requireNonNull(storage, "storage");
      return this;
    }

    public Builder adaptive(AdaptiveConfig adaptive) {
      this.adaptive = Objects.requireNonNull(adaptive, "adaptive");
      return this;
    }

    public EventBusConfig build() {
      return new EventBusConfig(this);
    }
  }
}
