package dev.eventbus.transport;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The checks of a transport's settings, each naming the setting it refuses. */
public final class Checks {

  private Checks() {}

  /**
   * A text that is not blank.
   *
   * @param field the setting's name, for the message
   * @param value its value
   * @return the value
   * @throws NullPointerException if null
   * @throws IllegalArgumentException if blank: {@code <field> must not be blank}
   */
  public static String notBlank(String field, @Nullable String value) {
    Objects.requireNonNull(value, field);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    return value;
  }

  /**
   * A positive duration.
   *
   * @param field the setting's name, for the message
   * @param value its value
   * @return the value
   * @throws NullPointerException if null
   * @throws IllegalArgumentException if zero or negative: {@code <field> must be > 0 but was ...}
   */
  public static Duration positive(String field, @Nullable Duration value) {
    Objects.requireNonNull(value, field);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(field + " must be > 0 but was " + value);
    }
    return value;
  }
}
