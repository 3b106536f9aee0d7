package com.acme.shop.util;

/** Formats amounts held in cents, as in the receipts: 4200 becomes "€42.00". */
public final class Money {

  private Money() {}

  public static String euros(long cents) {
    return String.format(java.util.Locale.ROOT, "€%d.%02d", cents / 100, cents % 100);
  }
}
