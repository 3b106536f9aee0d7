package dev.eventbus.api;

import java.time.Duration;

/**
 * How {@link dev.eventbus.api.ProcessingMode#ADAPTIVE} subscriptions choose their mode. Every
 * {@link #window()} of arrivals the bus measures the subscription's event rate and its handler's
 * mean latency. A {@link BatchEventHandler} gets {@code BATCH} at or above {@link
 * #batchRateThreshold()} events per second, or when one call per event would keep it busy 80% of
 * the time or more (it is the bottleneck, and the rate measured is what it lets through). Else, at
 * or above {@link #asyncLatencyThreshold()} per event it wants {@code ASYNC}; else {@code SYNC}. A
 * handler that does not take batches never gets {@code BATCH}: it is called once per event in any
 * mode, and off the publisher's thread {@code ASYNC} does that with less delay. To leave a mode the
 * measure must fall below half its threshold (for the busy handler: below 50% at its last per-call
 * time outside {@code BATCH}), and a new choice must win {@link #stableWindows()} windows in a row,
 * so the choice does not flap. What each subscription chose, and why, is in {@link
 * EventBusStats#adaptive()}. While a subscription runs {@code SYNC}, one publish in 16, picked at
 * random, is counted and timed for all of them, so that the measuring costs a cheap handler almost
 * nothing; a window at a low rate therefore holds few samples, which the wide gap between the
 * thresholds and the stable windows absorb. Immutable.
 *
 * <p>Defaults: 100 ms windows, 3 stable windows, ASYNC from 200 µs per event, BATCH from 10 000
 * events per second.
 *
 * <p>Making one throws {@link IllegalArgumentException} if a value is out of range (the message
 * names the field and the value); {@link NullPointerException} if a value is null.
 *
 * @param window how long one measure lasts, above 0
 * @param stableWindows how many windows in a row a new choice must win, at least 1
 * @param asyncLatencyThreshold the mean handler latency from which {@code ASYNC} is chosen, above 0
 * @param batchRateThreshold the events per second from which {@code BATCH} is chosen for a handler
 *     that takes batches, a finite number above 0
 * @since 0.1
 */
public record AdaptiveConfig(
    Duration window, int stableWindows, Duration asyncLatencyThreshold, double batchRateThreshold) {

  private static final AdaptiveConfig DEFAULTS = builder().build();

  /**
   * Checks every value.
   *
   * @param window how long one measure lasts, above 0
   * @param stableWindows how many windows in a row a new choice must win, at least 1
   * @param asyncLatencyThreshold the mean handler latency from which {@code ASYNC} is chosen, above
   *     0
   * @param batchRateThreshold the events per second from which {@code BATCH} is chosen, a finite
   *     number above 0
   * @throws IllegalArgumentException if a value is out of range, naming the field and the value
   * @throws NullPointerException if a value is null, naming the field
   */
  public AdaptiveConfig {
    Require.positive("adaptive.window", window);
    Require.atLeast("adaptive.stableWindows", stableWindows, 1);
    Require.positive("adaptive.asyncLatencyThreshold", asyncLatencyThreshold);
    Require.positive("adaptive.batchRateThreshold", batchRateThreshold);
  }

  /** {@return the default settings (listed in the class description)} */
  public static AdaptiveConfig defaults() {
    return DEFAULTS;
  }

  /** {@return a builder that starts from the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder that starts from these settings' values} */
  public Builder toBuilder() {
    return new Builder()
        .window(window)
        .stableWindows(stableWindows)
        .asyncLatencyThreshold(asyncLatencyThreshold)
        .batchRateThreshold(batchRateThreshold);
  }

  /** Builds an {@link AdaptiveConfig}; {@link #build()} checks the values. Not thread-safe. */
  public static final class Builder {
    private Duration window = Duration.ofMillis(100);
    private int stableWindows = 3;
    private Duration asyncLatencyThreshold = Duration.ofNanos(200_000);
    private double batchRateThreshold = 10_000;

    private Builder() {}

    /**
     * Sets {@link AdaptiveConfig#window()}; 100 ms unless set.
     *
     * @param window how long one measure lasts, above 0
     * @return this builder
     */
    public Builder window(Duration window) {
      this.window = window;
      return this;
    }

    /**
     * Sets {@link AdaptiveConfig#stableWindows()}; 3 unless set.
     *
     * @param stableWindows how many windows in a row a new choice must win, at least 1
     * @return this builder
     */
    public Builder stableWindows(int stableWindows) {
      this.stableWindows = stableWindows;
      return this;
    }

    /**
     * Sets {@link AdaptiveConfig#asyncLatencyThreshold()}; 200 µs unless set.
     *
     * @param asyncLatencyThreshold the mean handler latency from which {@code ASYNC} is chosen,
     *     above 0
     * @return this builder
     */
    public Builder asyncLatencyThreshold(Duration asyncLatencyThreshold) {
      this.asyncLatencyThreshold = asyncLatencyThreshold;
      return this;
    }

    /**
     * Sets {@link AdaptiveConfig#batchRateThreshold()}; 10 000 events per second unless set.
     *
     * @param batchRateThreshold the events per second from which {@code BATCH} is chosen, finite
     *     and above 0
     * @return this builder
     */
    public Builder batchRateThreshold(double batchRateThreshold) {
      this.batchRateThreshold = batchRateThreshold;
      return this;
    }

    /**
     * Builds the settings.
     *
     * @return settings with this builder's values
     * @throws IllegalArgumentException if a value is out of range, naming the field and the value
     * @throws NullPointerException if a value is null, naming the field
     */
    public AdaptiveConfig build() {
      return new AdaptiveConfig(window, stableWindows, asyncLatencyThreshold, batchRateThreshold);
    }
  }
}
