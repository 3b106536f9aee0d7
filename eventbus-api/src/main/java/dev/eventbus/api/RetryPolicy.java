package dev.eventbus.api;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * How often, and how far apart, a failed delivery is tried again. Immutable and thread-safe.
 *
 * <p>Attempt 1 is the first delivery; attempt {@code n > 1} waits {@link #delayBefore(int, double)}
 * first. With {@link Backoff#FIXED} every wait is {@link #initialDelay()}; with {@link
 * Backoff#EXPONENTIAL} the wait before attempt {@code n} is {@code initialDelay *
 * multiplier^(n-2)}, capped at {@link #maxDelay()}. Jitter then moves the wait by up to {@code
 * ±jitter} of itself, still capped at {@code maxDelay}. Only failures that {@link
 * #isRetryable(Throwable)} accepts are tried again; after the last attempt the delivery has failed
 * for good and goes to the bus's dead-letter handler.
 *
 * @since 0.1
 */
public final class RetryPolicy {

  /** The shape of the waits between attempts. */
  public enum Backoff {
    /** Every wait is {@link RetryPolicy#initialDelay()}. */
    FIXED,
    /**
     * Each wait is the previous one times {@link RetryPolicy#multiplier()}, up to {@link
     * RetryPolicy#maxDelay()}.
     */
    EXPONENTIAL
  }

  private static final RetryPolicy NONE = builder().maxAttempts(1).build();

  private final int maxAttempts;
  private final Backoff backoff;
  private final Duration initialDelay;
  private final Duration maxDelay;
  private final double multiplier;
  private final double jitter;
  private final Predicate<? super Throwable> retryOn;

  private RetryPolicy(Builder builder) {
    this.maxAttempts = builder.maxAttempts;
    this.backoff = builder.backoff;
    this.initialDelay = builder.initialDelay;
    this.maxDelay = builder.maxDelay;
    this.multiplier = builder.multiplier;
    this.jitter = builder.jitter;
    this.retryOn = builder.retryOn;
  }

  /** {@return one attempt, no retry} */
  public static RetryPolicy none() {
    return NONE;
  }

  /**
   * Up to {@code maxAttempts} attempts, {@code delay} apart.
   *
   * @param maxAttempts the total number of attempts, at least 1
   * @param delay the wait before each retry, zero or more
   * @return a fixed-backoff policy without jitter that retries every failure
   * @throws IllegalArgumentException if {@code maxAttempts < 1} or {@code delay} is negative
   */
  public static RetryPolicy fixed(int maxAttempts, Duration delay) {
    return builder().maxAttempts(maxAttempts).backoff(Backoff.FIXED).initialDelay(delay).build();
  }

  /**
   * Up to {@code maxAttempts} attempts, waits doubling from {@code initialDelay} up to {@code
   * maxDelay}, with 20% jitter.
   *
   * @param maxAttempts the total number of attempts, at least 1
   * @param initialDelay the wait before the first retry, zero or more
   * @param maxDelay the longest wait, at least {@code initialDelay}
   * @return an exponential-backoff policy that retries every failure
   * @throws IllegalArgumentException if a value is out of range (see {@link Builder})
   */
  public static RetryPolicy exponential(int maxAttempts, Duration initialDelay, Duration maxDelay) {
    return builder()
        .maxAttempts(maxAttempts)
        .backoff(Backoff.EXPONENTIAL)
        .initialDelay(initialDelay)
        .maxDelay(maxDelay)
        .multiplier(2.0)
        .jitter(0.2)
        .build();
  }

  /**
   * {@return a builder with one attempt, fixed backoff, no delay, a 30-second maximum delay, no
   * jitter and every failure retryable}
   */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder that starts from this policy's values} */
  public Builder toBuilder() {
    return new Builder()
        .maxAttempts(maxAttempts)
        .backoff(backoff)
        .initialDelay(initialDelay)
        .maxDelay(maxDelay)
        .multiplier(multiplier)
        .jitter(jitter)
        .retryOn(retryOn);
  }

  /** {@return the total number of attempts, at least 1 (1 means no retry)} */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** {@return the shape of the waits between attempts} */
  public Backoff backoff() {
    return backoff;
  }

  /** {@return the wait before the first retry (attempt 2), zero or more} */
  public Duration initialDelay() {
    return initialDelay;
  }

  /** {@return the longest wait between attempts, at least {@link #initialDelay()}} */
  public Duration maxDelay() {
    return maxDelay;
  }

  /** {@return the factor each {@link Backoff#EXPONENTIAL} wait grows by, finite and at least 1} */
  public double multiplier() {
    return multiplier;
  }

  /**
   * {@return the jitter fraction in {@code [0, 1]}: each wait moves by up to that fraction of
   * itself}
   */
  public double jitter() {
    return jitter;
  }

  /**
   * Whether a delivery that failed with {@code failure} may be tried again.
   *
   * @param failure what the handler threw
   * @return {@code true} if the policy's {@code retryOn} predicate accepts it
   */
  public boolean isRetryable(Throwable failure) {
    return retryOn.test(failure);
  }

  /**
   * The wait before attempt {@code attempt} (2 or more). Defined for every policy the builder
   * accepts, however long its delays: without jitter a {@link Backoff#FIXED} policy waits exactly
   * {@link #initialDelay()}, and the wait is never more than {@link #maxDelay()}. Arithmetic on the
   * waits is done in nanoseconds as a {@code double}, so a computed (exponential or jittered) wait
   * is exact only to about one part in 2<sup>53</sup>, and saturates at {@code Long.MAX_VALUE}
   * nanoseconds (about 292 years) unless it is {@code maxDelay} itself.
   *
   * @param attempt the number of the attempt about to be made, 2 or more
   * @param random a value in {@code [0, 1)} that places the jitter; {@code 0.5} means none
   * @return the wait, zero or more and never more than {@link #maxDelay()}
   * @throws IllegalArgumentException if {@code attempt < 2} or {@code random} is outside {@code [0,
   *     1)}
   */
  public Duration delayBefore(int attempt, double random) {
    if (attempt < 2) {
      throw new IllegalArgumentException("attempt must be >= 2 but was " + attempt);
    }
    if (!(random >= 0.0 && random < 1.0)) {
      throw new IllegalArgumentException("random must be in [0, 1) but was " + random);
    }
    double cap = nanos(maxDelay);
    Duration base = initialDelay;
    if (backoff == Backoff.EXPONENTIAL && attempt > 2 && !initialDelay.isZero()) {
      double grown = nanos(initialDelay) * Math.pow(multiplier, attempt - 2);
      base = grown >= cap ? maxDelay : ofNanosSaturated(grown);
    }
    if (base.compareTo(maxDelay) > 0) {
      base = maxDelay;
    }
    if (jitter == 0.0) {
      return base;
    }
    double jittered = nanos(base) * (1.0 + jitter * (2.0 * random - 1.0));
    return jittered >= cap ? maxDelay : ofNanosSaturated(Math.max(jittered, 0.0));
  }

  /** A duration in nanoseconds as a double; {@link Duration#toNanos()} overflows past 292 years. */
  private static double nanos(Duration duration) {
    return duration.getSeconds() * 1e9 + duration.getNano();
  }

  private static Duration ofNanosSaturated(double nanos) {
    return Duration.ofNanos((long) nanos); // the cast saturates at Long.MAX_VALUE
  }

  /**
   * Equal to another policy with the same values and the same {@code retryOn} predicate (compared
   * by identity, as lambdas are).
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof RetryPolicy that
        && maxAttempts == that.maxAttempts
        && backoff == that.backoff
        && initialDelay.equals(that.initialDelay)
        && maxDelay.equals(that.maxDelay)
        && Double.compare(multiplier, that.multiplier) == 0
        && Double.compare(jitter, that.jitter) == 0
        && retryOn.equals(that.retryOn);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxAttempts, backoff, initialDelay, maxDelay, multiplier, jitter, retryOn);
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxAttempts="
        + maxAttempts
        + ", backoff="
        + backoff
        + ", initialDelay="
        + initialDelay
        + ", maxDelay="
        + maxDelay
        + ", multiplier="
        + multiplier
        + ", jitter="
        + jitter
        + '}';
  }

  /** Builds a {@link RetryPolicy}; every setter checks its value at once. Not thread-safe. */
  public static final class Builder {
    private int maxAttempts = 1;
    private Backoff backoff = Backoff.FIXED;
    private Duration initialDelay = Duration.ZERO;
    private Duration maxDelay = Duration.ofSeconds(30);
    private double multiplier = 1.0;
    private double jitter;
    private Predicate<? super Throwable> retryOn = failure -> true;

    private Builder() {}

    /**
     * Sets the total number of attempts; 1 (the default) means no retry.
     *
     * @param maxAttempts at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code maxAttempts < 1}
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("retry.maxAttempts must be >= 1 but was " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Sets the shape of the waits; {@link Backoff#FIXED} by default.
     *
     * @param backoff the backoff
     * @return this builder
     * @throws NullPointerException if {@code backoff} is null
     */
    public Builder backoff(Backoff backoff) {
      this.backoff = Objects.requireNonNull(backoff, "backoff");
      return this;
    }

    /**
     * Sets the wait before the first retry; zero by default.
     *
     * @param initialDelay zero or more
     * @return this builder
     * @throws NullPointerException if {@code initialDelay} is null
     * @throws IllegalArgumentException if the delay is negative
     */
    public Builder initialDelay(Duration initialDelay) {
      this.initialDelay = nonNegative("retry.initialDelay", initialDelay);
      return this;
    }

    /**
     * Sets the longest wait between attempts; 30 seconds by default.
     *
     * @param maxDelay zero or more, and by {@link #build()} at least the initial delay
     * @return this builder
     * @throws NullPointerException if {@code maxDelay} is null
     * @throws IllegalArgumentException if the delay is negative
     */
    public Builder maxDelay(Duration maxDelay) {
      this.maxDelay = nonNegative("retry.maxDelay", maxDelay);
      return this;
    }

    /**
     * Sets the factor each exponential wait grows by; 1.0 by default.
     *
     * @param multiplier a finite number, 1.0 or more
     * @return this builder
     * @throws IllegalArgumentException if {@code multiplier} is below 1 or not finite
     */
    public Builder multiplier(double multiplier) {
      if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
        throw new IllegalArgumentException(
            "retry.multiplier must be a finite number >= 1.0 but was " + multiplier);
      }
      this.multiplier = multiplier;
      return this;
    }

    /**
     * Sets the fraction of itself by which each wait is moved at random; 0 (none) by default.
     *
     * @param jitter in {@code [0, 1]}
     * @return this builder
     * @throws IllegalArgumentException if {@code jitter} is outside {@code [0, 1]}
     */
    public Builder jitter(double jitter) {
      if (!(jitter >= 0.0 && jitter <= 1.0)) {
        throw new IllegalArgumentException("retry.jitter must be in [0, 1] but was " + jitter);
      }
      this.jitter = jitter;
      return this;
    }

    /**
     * Only failures this predicate accepts are retried; others fail at once.
     *
     * @param retryOn accepts the failures that may be retried; every failure by default
     * @return this builder
     * @throws NullPointerException if {@code retryOn} is null
     */
    public Builder retryOn(Predicate<? super Throwable> retryOn) {
      this.retryOn = Objects.requireNonNull(retryOn, "retryOn");
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return a policy with this builder's values
     * @throws IllegalArgumentException if {@code maxDelay < initialDelay}
     */
    public RetryPolicy build() {
      if (maxDelay.compareTo(initialDelay) < 0) {
        throw new IllegalArgumentException(
            "retry.maxDelay must be >= retry.initialDelay ("
                + initialDelay
                + ") but was "
                + maxDelay);
      }
      return new RetryPolicy(this);
    }

    private static Duration nonNegative(String field, Duration value) {
      Objects.requireNonNull(value, field);
      if (value.isNegative()) {
        throw new IllegalArgumentException(field + " must be >= 0 but was " + value);
      }
      return value;
    }
  }
}
