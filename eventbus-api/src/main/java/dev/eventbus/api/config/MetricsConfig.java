package dev.eventbus.api.config;

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
 * @since 0.1
 */
public final class MetricsConfig {

  private static final MetricsConfig DEFAULTS = builder().build();

  private final boolean enabled;
  private final boolean recordLatency;
  private final int maxTrackedEventTypes;

  private MetricsConfig(Builder builder) {
    this.enabled = builder.enabled;
    this.recordLatency = builder.recordLatency;
    this.maxTrackedEventTypes = builder.maxTrackedEventTypes;
  }

  public static MetricsConfig defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .enabled(enabled)
        .recordLatency(recordLatency)
        .maxTrackedEventTypes(maxTrackedEventTypes);
  }

  public boolean enabled() {
    return enabled;
  }

  public boolean recordLatency() {
    return recordLatency;
  }

  public int maxTrackedEventTypes() {
    return maxTrackedEventTypes;
  }

  @Override
  public String toString() {
    return "MetricsConfig{enabled="
        + enabled
        + ", recordLatency="
        + recordLatency
        + ", maxTrackedEventTypes="
        + maxTrackedEventTypes
        + '}';
  }

  /** Builds a {@link MetricsConfig}. Not thread-safe. */
  public static final class Builder {
    private boolean enabled = true;
    private boolean recordLatency;
    private int maxTrackedEventTypes = 1_000;

    private Builder() {}

    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    public Builder recordLatency(boolean recordLatency) {
      this.recordLatency = recordLatency;
      return this;
    }

    /**
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxTrackedEventTypes(int maxTrackedEventTypes) {
      this.maxTrackedEventTypes =
          Require.atLeast("metrics.maxTrackedEventTypes", maxTrackedEventTypes, 1);
      return this;
    }

    public MetricsConfig build() {
      return new MetricsConfig(this);
    }
  }
}
