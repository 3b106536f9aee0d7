package dev.eventbus.api;

import java.time.Duration;

/**
 * How {@link dev.eventbus.api.ProcessingMode#BATCH} subscriptions accumulate events. A batch
 * flushes when it reaches its size or when {@link #batchInterval()} has passed since its first
 * event. With {@link #adaptiveBatching()} the bus moves each subscription's size between {@link
 * #minBatchSize()} and {@link #maxBatchSize()}, aiming at {@link #targetLatency()} and {@link
 * #targetThroughput()}, by steps scaled by {@link #learningRate()}. Immutable.
 *
 * <p>Defaults: size 100 within [10, 1000], interval 10 ms, adaptive, target latency 50 ms, target
 * throughput 10 000 events/s, learning rate 0.1.
 *
 * <p>Making one throws {@link IllegalArgumentException} if a value is out of range (the message
 * names the field and the value); {@link NullPointerException} if a value is null.
 *
 * @param defaultBatchSize the size of subscriptions that do not set their own, in [{@code
 *     minBatchSize}, {@code maxBatchSize}]
 * @param minBatchSize the smallest size adaptive batching goes to, at least 1
 * @param maxBatchSize the largest size adaptive batching goes to, at least {@code minBatchSize}
 * @param batchInterval the longest an event waits for its batch to fill, above 0
 * @param adaptiveBatching whether size and interval follow the load
 * @param targetLatency the batch latency adaptive batching stays under, above 0
 * @param targetThroughput events per second from which adaptive batching grows batches, a finite
 *     number above 0
 * @param learningRate how far one adaptive step moves the size, in (0, 1]
 * @since 0.1
 */
public record BatchConfig(
    int defaultBatchSize,
    int minBatchSize,
    int maxBatchSize,
    Duration batchInterval,
    boolean adaptiveBatching,
    Duration targetLatency,
    double targetThroughput,
    double learningRate) {

  private static final BatchConfig DEFAULTS = builder().build();

  /**
   * Checks every value.
   *
   * @param defaultBatchSize the size of subscriptions that do not set their own, in [{@code
   *     minBatchSize}, {@code maxBatchSize}]
   * @param minBatchSize the smallest size adaptive batching goes to, at least 1
   * @param maxBatchSize the largest size adaptive batching goes to, at least {@code minBatchSize}
   * @param batchInterval the longest an event waits for its batch to fill, above 0
   * @param adaptiveBatching whether size and interval follow the load
   * @param targetLatency the batch latency adaptive batching stays under, above 0
   * @param targetThroughput events per second from which adaptive batching grows batches, a finite
   *     number above 0
   * @param learningRate how far one adaptive step moves the size, in (0, 1]
   * @throws IllegalArgumentException if a value is out of range, or unless {@code minBatchSize <=
   *     defaultBatchSize <= maxBatchSize}
   * @throws NullPointerException if a value is null, naming the field
   */
  public BatchConfig {
    Require.atLeast("batch.defaultBatchSize", defaultBatchSize, 1);
    Require.atLeast("batch.minBatchSize", minBatchSize, 1);
    Require.atLeast("batch.maxBatchSize", maxBatchSize, 1);
    Require.positive("batch.batchInterval", batchInterval);
    Require.positive("batch.targetLatency", targetLatency);
    Require.positive("batch.targetThroughput", targetThroughput);
    Require.positive("batch.learningRate", learningRate);
    Require.inRange("batch.learningRate", learningRate, 0.0, 1.0);
    if (minBatchSize > maxBatchSize) {
      throw new IllegalArgumentException(
          "batch.maxBatchSize must be >= batch.minBatchSize ("
              + minBatchSize
              + ") but was "
              + maxBatchSize);
    }
    if (defaultBatchSize < minBatchSize || defaultBatchSize > maxBatchSize) {
      throw new IllegalArgumentException(
          "batch.defaultBatchSize must be in [batch.minBatchSize "
              + minBatchSize
              + ", batch.maxBatchSize "
              + maxBatchSize
              + "] but was "
              + defaultBatchSize);
    }
  }

  /** {@return the default batch settings (listed in the class description)} */
  public static BatchConfig defaults() {
    return DEFAULTS;
  }

  /** {@return a builder that starts from the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder that starts from these settings' values} */
  public Builder toBuilder() {
    return new Builder()
        .defaultBatchSize(defaultBatchSize)
        .minBatchSize(minBatchSize)
        .maxBatchSize(maxBatchSize)
        .batchInterval(batchInterval)
        .adaptiveBatching(adaptiveBatching)
        .targetLatency(targetLatency)
        .targetThroughput(targetThroughput)
        .learningRate(learningRate);
  }

  /** Builds a {@link BatchConfig}; {@link #build()} checks the values. Not thread-safe. */
  public static final class Builder {
    private int defaultBatchSize = 100;
    private int minBatchSize = 10;
    private int maxBatchSize = 1_000;
    private Duration batchInterval = Duration.ofMillis(10);
    private boolean adaptiveBatching = true;
    private Duration targetLatency = Duration.ofMillis(50);
    private double targetThroughput = 10_000;
    private double learningRate = 0.1;

    private Builder() {}

    /**
     * Sets {@link BatchConfig#defaultBatchSize()}; 100 unless set.
     *
     * @param defaultBatchSize the size of subscriptions that do not set their own
     * @return this builder
     */
    public Builder defaultBatchSize(int defaultBatchSize) {
      this.defaultBatchSize = defaultBatchSize;
      return this;
    }

    /**
     * Sets {@link BatchConfig#minBatchSize()}; 10 unless set.
     *
     * @param minBatchSize the smallest adaptive size, at least 1
     * @return this builder
     */
    public Builder minBatchSize(int minBatchSize) {
      this.minBatchSize = minBatchSize;
      return this;
    }

    /**
     * Sets {@link BatchConfig#maxBatchSize()}; 1000 unless set.
     *
     * @param maxBatchSize the largest adaptive size, at least the smallest
     * @return this builder
     */
    public Builder maxBatchSize(int maxBatchSize) {
      this.maxBatchSize = maxBatchSize;
      return this;
    }

    /**
     * Sets {@link BatchConfig#batchInterval()}; 10 ms unless set.
     *
     * @param batchInterval the longest an event waits for its batch to fill, above 0
     * @return this builder
     */
    public Builder batchInterval(Duration batchInterval) {
      this.batchInterval = batchInterval;
      return this;
    }

    /**
     * Sets {@link BatchConfig#adaptiveBatching()}; {@code true} unless set.
     *
     * @param adaptiveBatching whether size and interval follow the load
     * @return this builder
     */
    public Builder adaptiveBatching(boolean adaptiveBatching) {
      this.adaptiveBatching = adaptiveBatching;
      return this;
    }

    /**
     * Sets {@link BatchConfig#targetLatency()}; 50 ms unless set.
     *
     * @param targetLatency the batch latency adaptive batching stays under, above 0
     * @return this builder
     */
    public Builder targetLatency(Duration targetLatency) {
      this.targetLatency = targetLatency;
      return this;
    }

    /**
     * Sets {@link BatchConfig#targetThroughput()}; 10 000 events/s unless set.
     *
     * @param targetThroughput events per second, finite and above 0
     * @return this builder
     */
    public Builder targetThroughput(double targetThroughput) {
      this.targetThroughput = targetThroughput;
      return this;
    }

    /**
     * Sets {@link BatchConfig#learningRate()}; 0.1 unless set.
     *
     * @param learningRate how far one adaptive step moves the size, in (0, 1]
     * @return this builder
     */
    public Builder learningRate(double learningRate) {
      this.learningRate = learningRate;
      return this;
    }

    /**
     * Builds the settings.
     *
     * @return settings with this builder's values
     * @throws IllegalArgumentException if a value is out of range, or unless {@code minBatchSize <=
     *     defaultBatchSize <= maxBatchSize}
     * @throws NullPointerException if a value is null, naming the field
     */
    public BatchConfig build() {
      return new BatchConfig(
          defaultBatchSize,
          minBatchSize,
          maxBatchSize,
          batchInterval,
          adaptiveBatching,
          targetLatency,
          targetThroughput,
          learningRate);
    }
  }
}
