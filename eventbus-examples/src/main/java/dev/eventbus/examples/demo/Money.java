package dev.eventbus.examples.demo;

import java.math.BigDecimal;
import java.util.Locale;

/** Formats amounts held in cents. */
final class Money {

  private Money() {}

  /** {@code 123456} as {@code "1,234.56"}, whatever the default locale. */
  static String format(long cents) {
    return String.format(Locale.ROOT, "%,.2f", BigDecimal.valueOf(cents, 2));
  }
}
