package vm.core.event;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How an {@link AsyncEventBus} queues, batches and retries. Part of the compat surface (see the
 * {@linkplain vm.core.event package description}). Immutable and thread-safe.
 *
 * <p>Defaults ({@link #defaults()}): queue capacity 10 000, batch size 100 within [10, 1000], batch
 * interval 10 ms, adaptive batching on, 3 retries 50 ms apart.
 *
 * @since 0.1
 */
public final class AsyncEventBusConfig {

  private static final AsyncEventBusConfig DEFAULTS = builder().build();

  private final int queueCapacity;
  private final int batchSize;
  private final int minBatchSize;
  private final int maxBatchSize;
  private final long batchIntervalMillis;
  private final boolean adaptiveBatching;
  private final int maxRetries;
  private final long retryDelayMillis;

  private AsyncEventBusConfig(Builder builder) {
    this.queueCapacity = builder.queueCapacity;
    this.batchSize = builder.batchSize;
    this.minBatchSize = builder.minBatchSize;
    this.maxBatchSize = builder.maxBatchSize;
    this.batchIntervalMillis = builder.batchIntervalMillis;
    this.adaptiveBatching = builder.adaptiveBatching;
    this.maxRetries = builder.maxRetries;
    this.retryDelayMillis = builder.retryDelayMillis;
  }

  /** {@return the default configuration} */
  public static AsyncEventBusConfig defaults() {
    return DEFAULTS;
  }

  /** {@return a builder holding the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder that starts from this configuration's values} */
  public Builder toBuilder() {
    return new Builder()
        .queueCapacity(queueCapacity)
        .minBatchSize(minBatchSize)
        .maxBatchSize(maxBatchSize)
        .batchSize(batchSize)
        .batchIntervalMillis(batchIntervalMillis)
        .adaptiveBatching(adaptiveBatching)
        .maxRetries(maxRetries)
        .retryDelayMillis(retryDelayMillis);
  }

  /** {@return how many events may wait in the queue, at least 1; a publish beyond it is refused} */
  public int queueCapacity() {
    return queueCapacity;
  }

  /**
   * {@return the batch size to start with, within [{@link #minBatchSize()}, {@link
   * #maxBatchSize()}]}
   */
  public int batchSize() {
    return batchSize;
  }

  /** {@return the smallest batch size adaptive batching shrinks to, at least 1} */
  public int minBatchSize() {
    return minBatchSize;
  }

  /** {@return the largest batch size adaptive batching grows to} */
  public int maxBatchSize() {
    return maxBatchSize;
  }

  /**
   * {@return how long a batch that is not full waits for more events after its first one, in
   * milliseconds, at least 0; {@code 0} delivers whatever is queued at once}
   */
  public long batchIntervalMillis() {
    return batchIntervalMillis;
  }

  /**
   * {@return {@code true} to let the batch size follow the load: it grows while events back up in
   * the queue and shrinks while batches leave half empty, within [{@link #minBatchSize()}, {@link
   * #maxBatchSize()}]; {@code false} keeps it at {@link #batchSize()}}
   */
  public boolean adaptiveBatching() {
    return adaptiveBatching;
  }

  /**
   * {@return how many times a failing handler is run again on the same event before the event
   * counts as failed, at least 0; {@code 0} means no retry}
   */
  public int maxRetries() {
    return maxRetries;
  }

  /** {@return the wait before each retry, in milliseconds, at least 0} */
  public long retryDelayMillis() {
    return retryDelayMillis;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof AsyncEventBusConfig that
        && queueCapacity == that.queueCapacity
        && batchSize == that.batchSize
        && minBatchSize == that.minBatchSize
        && maxBatchSize == that.maxBatchSize
        && batchIntervalMillis == that.batchIntervalMillis
        && adaptiveBatching == that.adaptiveBatching
        && maxRetries == that.maxRetries
        && retryDelayMillis == that.retryDelayMillis;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        queueCapacity,
        batchSize,
        minBatchSize,
        maxBatchSize,
        batchIntervalMillis,
        adaptiveBatching,
        maxRetries,
        retryDelayMillis);
  }

  @Override
  public String toString() {
    return "AsyncEventBusConfig{queueCapacity="
        + queueCapacity
        + ", batchSize="
        + batchSize
        + " in ["
        + minBatchSize
        + ", "
        + maxBatchSize
        + "], batchIntervalMillis="
        + batchIntervalMillis
        + ", adaptiveBatching="
        + adaptiveBatching
        + ", maxRetries="
        + maxRetries
        + ", retryDelayMillis="
        + retryDelayMillis
        + '}';
  }

  /**
   * Builds an {@link AsyncEventBusConfig}. Each setter checks its own value at once; {@link
   * #build()} checks that the batch size lies within its bounds. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {

    private int queueCapacity = 10_000;
    private int batchSize = 100;
    private int minBatchSize = 10;
    private int maxBatchSize = 1_000;
    private long batchIntervalMillis = 10;
    private boolean adaptiveBatching = true;
    private int maxRetries = 3;
    private long retryDelayMillis = 50;

    private Builder() {}

    /**
     * Sets {@link AsyncEventBusConfig#queueCapacity()}; 10 000 unless set.
     *
     * @param queueCapacity how many events may wait in the queue, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code queueCapacity < 1}
     */
    public Builder queueCapacity(int queueCapacity) {
      this.queueCapacity = atLeast("queueCapacity", queueCapacity, 1);
      return this;
    }

    /**
     * Sets {@link AsyncEventBusConfig#batchSize()}; 100 unless set.
     *
     * @param batchSize the batch size to start with, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code batchSize < 1}; whether it lies within the bounds
     *     is checked by {@link #build()}
     */
    public Builder batchSize(int batchSize) {
      this.batchSize = atLeast("batchSize", batchSize, 1);
      return this;
    }

    /**
     * Sets {@link AsyncEventBusConfig#minBatchSize()}; 10 unless set.
     *
     * @param minBatchSize the smallest batch size, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code minBatchSize < 1}
     */
    public Builder minBatchSize(int minBatchSize) {
      this.minBatchSize = atLeast("minBatchSize", minBatchSize, 1);
      return this;
    }

    /**
     * Sets {@link AsyncEventBusConfig#maxBatchSize()}; 1000 unless set.
     *
     * @param maxBatchSize the largest batch size, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code maxBatchSize < 1}
     */
    public Builder maxBatchSize(int maxBatchSize) {
      this.maxBatchSize = atLeast("maxBatchSize", maxBatchSize, 1);
      return this;
    }

    /**
     * Sets {@link AsyncEventBusConfig#batchIntervalMillis()}; 10 ms unless set.
     *
     * @param batchIntervalMillis how long a batch that is not full waits, in milliseconds, at least
     *     0
     * @return this builder
     * @throws IllegalArgumentException if {@code batchIntervalMillis < 0}
     */
    public Builder batchIntervalMillis(long batchIntervalMillis) {
      this.batchIntervalMillis = atLeast("batchIntervalMillis", batchIntervalMillis, 0);
      return this;
    }

    /**
     * Sets {@link AsyncEventBusConfig#adaptiveBatching()}; {@code true} unless set.
     *
     * @param adaptiveBatching whether the batch size follows the load
     * @return this builder
     */
    public Builder adaptiveBatching(boolean adaptiveBatching) {
      this.adaptiveBatching = adaptiveBatching;
      return this;
    }

    /**
     * Sets {@link AsyncEventBusConfig#maxRetries()}; 3 unless set.
     *
     * @param maxRetries how many times a failing handler is run again, at least 0
     * @return this builder
     * @throws IllegalArgumentException if {@code maxRetries < 0}
     */
    public Builder maxRetries(int maxRetries) {
      this.maxRetries = atLeast("maxRetries", maxRetries, 0);
      return this;
    }

    /**
     * Sets {@link AsyncEventBusConfig#retryDelayMillis()}; 50 ms unless set.
     *
     * @param retryDelayMillis the wait before each retry, in milliseconds, at least 0
     * @return this builder
     * @throws IllegalArgumentException if {@code retryDelayMillis < 0}
     */
    public Builder retryDelayMillis(long retryDelayMillis) {
      this.retryDelayMillis = atLeast("retryDelayMillis", retryDelayMillis, 0);
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return a configuration with this builder's values
     * @throws IllegalArgumentException if {@code minBatchSize > maxBatchSize} or {@code batchSize}
     *     lies outside [{@code minBatchSize}, {@code maxBatchSize}]
     */
    public AsyncEventBusConfig build() {
      if (minBatchSize > maxBatchSize) {
        throw new IllegalArgumentException(
            "minBatchSize must be <= maxBatchSize (" + maxBatchSize + ") but was " + minBatchSize);
      }
      if (batchSize < minBatchSize || batchSize > maxBatchSize) {
        throw new IllegalArgumentException(
            "batchSize must be in [minBatchSize "
                + minBatchSize
                + ", maxBatchSize "
                + maxBatchSize
                + "] but was "
                + batchSize);
      }
      return new AsyncEventBusConfig(this);
    }

    private static int atLeast(String field, int value, int min) {
      if (value < min) {
        throw new IllegalArgumentException(field + " must be >= " + min + " but was " + value);
      }
      return value;
    }

    private static long atLeast(String field, long value, long min) {
      if (value < min) {
        throw new IllegalArgumentException(field + " must be >= " + min + " but was " + value);
      }
      return value;
    }
  }
}
