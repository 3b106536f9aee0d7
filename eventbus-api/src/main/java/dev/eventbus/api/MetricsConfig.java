package dev.eventbus.api;

/**
 * What the bus counts. With {@link #enabled()} off the bus keeps no counters at all (stats read 0,
 * no per-type or per-subscription stats). On, it counts per event type and per subscription and
 * samples handler latency (two clock reads per sample): for every 64th publish of a type on each
 * thread, one of its {@code SYNC} subscriptions in turn, and every 64th call of each other
 * subscription; {@link #recordLatency()} times every call instead, at the cost of two clock reads
 * per delivery; {@link #maxTrackedEventTypes()} bounds how many event types are counted on their
 * own (the rest are counted together). Immutable.
 *
 * <p>Defaults: enabled, no latency recording, 1 000 tracked event types.
 *
 * <p>Making one throws {@link IllegalArgumentException} if {@code maxTrackedEventTypes} is below 1.
 *
 * @param enabled whether the bus counts at all
 * @param recordLatency whether every handler call is timed, rather than a sample
 * @param maxTrackedEventTypes how many event types are counted on their own, at least 1
 * @since 0.1
 */
public record MetricsConfig(boolean enabled, boolean recordLatency, int maxTrackedEventTypes) {

  private static final MetricsConfig DEFAULTS = builder().build();

  /**
   * Checks the values.
   *
   * @param enabled whether the bus counts at all
   * @param recordLatency whether every handler call is timed, rather than a sample
   * @param maxTrackedEventTypes how many event types are counted on their own, at least 1
   * @throws IllegalArgumentException if {@code maxTrackedEventTypes} is below 1
   */
  public MetricsConfig {
    Require.atLeast("metrics.maxTrackedEventTypes", maxTrackedEventTypes, 1);
  }

  /** {@return the default settings (listed in the class description)} */
  public static MetricsConfig defaults() {
    return DEFAULTS;
  }

  /** {@return a builder that starts from the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder that starts from these settings' values} */
  public Builder toBuilder() {
    return new Builder()
        .enabled(enabled)
        .recordLatency(recordLatency)
        .maxTrackedEventTypes(maxTrackedEventTypes);
  }

  /** Builds a {@link MetricsConfig}; {@link #build()} checks the values. Not thread-safe. */
  public static final class Builder {
    private boolean enabled = true;
    private boolean recordLatency;
    private int maxTrackedEventTypes = 1_000;

    private Builder() {}

    /**
     * Sets {@link MetricsConfig#enabled()}; {@code true} unless set.
     *
     * @param enabled whether the bus counts at all
     * @return this builder
     */
    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /**
     * Sets {@link MetricsConfig#recordLatency()}; {@code false} unless set.
     *
     * @param recordLatency whether every handler call is timed, rather than a sample
     * @return this builder
     */
    public Builder recordLatency(boolean recordLatency) {
      this.recordLatency = recordLatency;
      return this;
    }

    /**
     * Sets {@link MetricsConfig#maxTrackedEventTypes()}; 1 000 unless set.
     *
     * @param maxTrackedEventTypes how many event types are counted on their own, at least 1
     * @return this builder
     */
    public Builder maxTrackedEventTypes(int maxTrackedEventTypes) {
      this.maxTrackedEventTypes = maxTrackedEventTypes;
      return this;
    }

    /**
     * Builds the settings.
     *
     * @return settings with this builder's values
     * @throws IllegalArgumentException if {@code maxTrackedEventTypes} is below 1
     */
    public MetricsConfig build() {
      return new MetricsConfig(enabled, recordLatency, maxTrackedEventTypes);
    }
  }
}
