package dev.eventbus.api.config;

import dev.eventbus.api.RetryPolicy;
import java.util.Objects;

/**
 * The retry policy of subscriptions that do not set their own, and the bound of the in-memory
 * dead-letter queue. Immutable.
 *
 * <p>Defaults: {@link RetryPolicy#none()} (a failed delivery is reported at once), a dead-letter
 * queue of 10 000 entries.
 *
 * @since 0.1
 */
public final class RetryConfig {

  private static final RetryConfig DEFAULTS = builder().build();

  private final RetryPolicy defaultPolicy;
  private final int deadLetterCapacity;

  private RetryConfig(Builder builder) {
    this.defaultPolicy = builder.defaultPolicy;
    this.deadLetterCapacity = builder.deadLetterCapacity;
  }

  public static RetryConfig defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().defaultPolicy(defaultPolicy).deadLetterCapacity(deadLetterCapacity);
  }

  public RetryPolicy defaultPolicy() {
    return defaultPolicy;
  }

  /** How many dead letters the in-memory dead-letter queue keeps before it evicts the oldest. */
  public int deadLetterCapacity() {
    return deadLetterCapacity;
  }

  @Override
  public String toString() {
    return "RetryConfig{defaultPolicy="
        + defaultPolicy
        + ", deadLetterCapacity="
        + deadLetterCapacity
        + '}';
  }

  /** Builds a {@link RetryConfig}. Not thread-safe. */
  public static final class Builder {
    private RetryPolicy defaultPolicy = RetryPolicy.none();
    private int deadLetterCapacity = 10_000;

    private Builder() {}

    public Builder defaultPolicy(RetryPolicy defaultPolicy) {
      this.defaultPolicy = Objects.requireNonNull(defaultPolicy, "retry.defaultPolicy");
      return this;
    }

    /**
     * @throws IllegalArgumentException if below 1
     */
    public Builder deadLetterCapacity(int deadLetterCapacity) {
      this.deadLetterCapacity = Require.atLeast("retry.deadLetterCapacity", deadLetterCapacity, 1);
      return this;
    }

    public RetryConfig build() {
      return new RetryConfig(this);
    }
  }
}
