package dev.eventbus.api;

import java.time.Duration;
import java.util.Objects;

/** Value checks whose messages name the field and the value. */
final class Require {

  private Require() {}

  static String notBlank(String field, String value) {
    Objects.requireNonNull(value, field);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank but was '" + value + "'");
    }
    return value;
  }

  static int atLeast(String field, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(field + " must be >= " + min + " but was " + value);
    }
    return value;
  }

  static int inRange(String field, int value, int min, int max) {
    atLeast(field, value, min);
    if (value > max) {
      throw new IllegalArgumentException(field + " must be <= " + max + " but was " + value);
    }
    return value;
  }

  static double inRange(String field, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          field + " must be in [" + min + ", " + max + "] but was " + value);
    }
    return value;
  }

  static double positive(String field, double value) {
    if (!(value > 0.0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(field + " must be a finite number > 0 but was " + value);
    }
    return value;
  }

  static Duration positive(String field, Duration value) {
    Objects.requireNonNull(value, field);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(field + " must be > 0 but was " + value);
    }
    return value;
  }

  static Duration nonNegative(String field, Duration value) {
    Objects.requireNonNull(value, field);
    if (value.isNegative()) {
      throw new IllegalArgumentException(field + " must be >= 0 but was " + value);
    }
    return value;
  }

  static Duration atMost(String field, Duration value, Duration max) {
    if (value.compareTo(max) > 0) {
      throw new IllegalArgumentException(field + " must be <= " + max + " but was " + value);
    }
    return value;
  }
}
