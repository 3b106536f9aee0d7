package dev.eventbus.core.internal;

import java.time.Duration;

/** Conversions of configured durations, which may be far longer than a {@code long} of nanos. */
public final class Durations {

  /** What a duration too long for nanoseconds becomes: about 146 years, safe to add to a clock. */
  public static final long SATURATED_NANOS = Long.MAX_VALUE / 2;

  private Durations() {}

  /**
   * {@code duration} in nanoseconds, at most {@link #SATURATED_NANOS}, so that adding it to a
   * {@link System#nanoTime()} reading cannot overflow; negative durations are returned as they are.
   *
   * @param duration any duration
   * @return its nanoseconds, capped at {@link #SATURATED_NANOS}
   */
  public static long saturatedNanos(Duration duration) {
    try {
      return Math.min(duration.toNanos(), SATURATED_NANOS);
    } catch (ArithmeticException tooLong) {
      return duration.isNegative() ? Long.MIN_VALUE / 2 : SATURATED_NANOS;
    }
  }
}
