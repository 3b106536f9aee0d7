package dev.eventbus.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A wall clock that jumps on every reading, by up to 600 days back or forward from 2030-01-01, in
 * no order: for tests that a bus uses its clock only to stamp, never to time. Thread-safe.
 */
public final class JumpingClock extends Clock {

  private static final Instant BASE = Instant.parse("2030-01-01T00:00:00Z");
  private final AtomicLong readings = new AtomicLong();

  /** A clock whose readings start its jumping sequence afresh. */
  public JumpingClock() {}

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    long n = readings.getAndIncrement();
    return BASE.plus(Duration.ofDays(100 * ((n * 5) % 13 - 6)));
  }
}
