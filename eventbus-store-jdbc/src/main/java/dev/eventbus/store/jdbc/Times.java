package dev.eventbus.store.jdbc;

import dev.eventbus.api.spi.EventStoreException;
import java.time.Instant;
import java.util.function.Supplier;

/** Instants as epoch microseconds, the unit of every time column. */
final class Times {

  private static final long MICROS_PER_SECOND = 1_000_000L;

  private Times() {}

  /**
   * {@code instant} in epoch microseconds, finer digits dropped.
   *
   * @throws ArithmeticException if it lies outside about ±292,000 years of 1970
   */
  static long toMicros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), MICROS_PER_SECOND), instant.getNano() / 1_000);
  }

  /**
   * {@code instant} in epoch microseconds, for a store writing it.
   *
   * @param failure the exception's message if it is out of range; built only then
   * @throws EventStoreException if it lies outside about ±292,000 years of 1970
   */
  static long toMicros(Instant instant, Supplier<String> failure) {
    try {
      return toMicros(instant);
    } catch (ArithmeticException e) {
      throw new EventStoreException(failure.get(), e);
    }
  }

  static Instant fromMicros(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, MICROS_PER_SECOND),
        Math.floorMod(micros, MICROS_PER_SECOND) * 1_000L);
  }

  static long nowMicros() {
    return toMicros(Instant.now());
  }
}
