package dev.eventbus.api.config;

import java.time.Duration;

/**
 * How {@link dev.eventbus.api.ProcessingMode#ADAPTIVE} subscriptions choose their mode. Every
 * {@link #window()} of arrivals the bus measures the subscription's event rate and its handler's
 * mean latency: at or above {@link #batchRateThreshold()} events per second it wants {@code BATCH};
 * else, at or above {@link #asyncLatencyThreshold()} per event it wants {@code ASYNC}; else {@code
 * SYNC}. To leave a mode the measure must fall below half its threshold, and a new choice must win
 * {@link #stableWindows()} windows in a row, so the choice does not flap. Immutable.
 *
 * <p>Defaults: 100 ms windows, 3 stable windows, ASYNC from 200 µs per event, BATCH from 10 000
 * events per second.
 *
 * @since 0.1
 */
public final class AdaptiveConfig {

  private static final AdaptiveConfig DEFAULTS = builder().build();

  private final Duration window;
  private final int stableWindows;
  private final Duration asyncLatencyThreshold;
  private final double batchRateThreshold;

  private AdaptiveConfig(Builder builder) {
    this.window = builder.window;
    this.stableWindows = builder.stableWindows;
    this.asyncLatencyThreshold = builder.asyncLatencyThreshold;
    this.batchRateThreshold = builder.batchRateThreshold;
  }

  public static AdaptiveConfig defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .window(window)
        .stableWindows(stableWindows)
        .asyncLatencyThreshold(asyncLatencyThreshold)
        .batchRateThreshold(batchRateThreshold);
  }

  public Duration window() {
    return window;
  }

  public int stableWindows() {
    return stableWindows;
  }

  public Duration asyncLatencyThreshold() {
    return asyncLatencyThreshold;
  }

  /** Events per second. */
  public double batchRateThreshold() {
    return batchRateThreshold;
  }

  @Override
  public String toString() {
    return "AdaptiveConfig{window="
        + window
        + ", stableWindows="
        + stableWindows
        + ", asyncLatencyThreshold="
        + asyncLatencyThreshold
        + ", batchRateThreshold="
        + batchRateThreshold
        + '}';
  }

  /** Builds an {@link AdaptiveConfig}. Not thread-safe. */
  public static final class Builder {
    private Duration window = Duration.ofMillis(100);
    private int stableWindows = 3;
    private Duration asyncLatencyThreshold = Duration.ofNanos(200_000);
    private double batchRateThreshold = 10_000;

    private Builder() {}

    /**
     * @throws IllegalArgumentException if not positive
     */
    public Builder window(Duration window) {
      this.window = Require.positive("adaptive.window", window);
      return this;
    }

    /**
     * @throws IllegalArgumentException if below 1
     */
    public Builder stableWindows(int stableWindows) {
      this.stableWindows = Require.atLeast("adaptive.stableWindows", stableWindows, 1);
      return this;
    }

    /**
     * @throws IllegalArgumentException if not positive
     */
    public Builder asyncLatencyThreshold(Duration asyncLatencyThreshold) {
      this.asyncLatencyThreshold =
          Require.positive("adaptive.asyncLatencyThreshold", asyncLatencyThreshold);
      return this;
    }

    /**
     * @throws IllegalArgumentException if not a positive finite number
     */
    public Builder batchRateThreshold(double batchRateThreshold) {
      this.batchRateThreshold = Require.positive("adaptive.batchRateThreshold", batchRateThreshold);
      return this;
    }

    public AdaptiveConfig build() {
      return new AdaptiveConfig(this);
    }
  }
}
