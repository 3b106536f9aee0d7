package dev.eventbus.api.config;

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
 * @since 0.1
 */
public final class BatchConfig {

  private static final BatchConfig DEFAULTS = builder().build();

  private final int defaultBatchSize;
  private final int minBatchSize;
  private final int maxBatchSize;
  private final Duration batchInterval;
  private final boolean adaptiveBatching;
  private final Duration targetLatency;
  private final double targetThroughput;
  private final double learningRate;

  private BatchConfig(Builder builder) {
    this.defaultBatchSize = builder.defaultBatchSize;
    this.minBatchSize = builder.minBatchSize;
    this.maxBatchSize = builder.maxBatchSize;
    this.batchInterval = builder.batchInterval;
    this.adaptiveBatching = builder.adaptiveBatching;
    this.targetLatency = builder.targetLatency;
    this.targetThroughput = builder.targetThroughput;
    this.learningRate = builder.learningRate;
  }

  public static BatchConfig defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

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

  public int defaultBatchSize() {
    return defaultBatchSize;
  }

  public int minBatchSize() {
    return minBatchSize;
  }

  public int maxBatchSize() {
    return maxBatchSize;
  }

  public Duration batchInterval() {
    return batchInterval;
  }

  public boolean adaptiveBatching() {
    return adaptiveBatching;
  }

  public Duration targetLatency() {
    return targetLatency;
  }

  /** Events per second. */
  public double targetThroughput() {
    return targetThroughput;
  }

  public double learningRate() {
    return learningRate;
  }

  @Override
  public String toString() {
    return "BatchConfig{defaultBatchSize="
        + defaultBatchSize
        + ", minBatchSize="
        + minBatchSize
        + ", maxBatchSize="
        + maxBatchSize
        + ", batchInterval="
        + batchInterval
        + ", adaptiveBatching="
        + adaptiveBatching
        + ", targetLatency="
        + targetLatency
        + ", targetThroughput="
        + targetThroughput
        + ", learningRate="
        + learningRate
        + '}';
  }

  /** Builds a {@link BatchConfig}. Not thread-safe. */
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
     * @throws IllegalArgumentException if below 1
     */
    public Builder defaultBatchSize(int defaultBatchSize) {
      this.defaultBatchSize = Require.atLeast("batch.defaultBatchSize", defaultBatchSize, 1);
      return this;
    }

    /**
     * @throws IllegalArgumentException if below 1
     */
    public Builder minBatchSize(int minBatchSize) {
      this.minBatchSize = Require.atLeast("batch.minBatchSize", minBatchSize, 1);
      return this;
    }

    /**
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxBatchSize(int maxBatchSize) {
      this.maxBatchSize = Require.atLeast("batch.maxBatchSize", maxBatchSize, 1);
      return this;
    }

    /**
     * @throws IllegalArgumentException if not positive
     */
    public Builder batchInterval(Duration batchInterval) {
      this.batchInterval = Require.positive("batch.batchInterval", batchInterval);
      return this;
    }

    public Builder adaptiveBatching(boolean adaptiveBatching) {
      this.adaptiveBatching = adaptiveBatching;
      return this;
    }

    /**
     * @throws IllegalArgumentException if not positive
     */
    public Builder targetLatency(Duration targetLatency) {
      this.targetLatency = Require.positive("batch.targetLatency", targetLatency);
      return this;
    }

    /**
     * @throws IllegalArgumentException if not a positive finite number
     */
    public Builder targetThroughput(double targetThroughput) {
      this.targetThroughput = Require.positive("batch.targetThroughput", targetThroughput);
      return this;
    }

    /**
     * @throws IllegalArgumentException if outside (0, 1]
     */
    public Builder learningRate(double learningRate) {
      Require.positive("batch.learningRate", learningRate);
      this.learningRate = Require.inRange("batch.learningRate", learningRate, 0.0, 1.0);
      return this;
    }

    /**
     * @throws IllegalArgumentException unless {@code minBatchSize <= defaultBatchSize <=
     *     maxBatchSize}
     */
    public BatchConfig build() {
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
      return new BatchConfig(this);
    }
  }
}
