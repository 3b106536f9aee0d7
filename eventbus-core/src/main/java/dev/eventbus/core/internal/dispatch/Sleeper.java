package dev.eventbus.core.internal.dispatch;

import java.time.Duration;

/**
 * Waits between retry attempts. The engine takes it as a parameter so tests can use virtual time.
 */
@FunctionalInterface
public interface Sleeper {

  /**
   * Waits for {@code duration}.
   *
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * Sleeps the calling thread ({@link Thread#sleep(long, int)}). This is the backoff of a
   * synchronous retry, which by definition runs on the publisher's thread: there is no other thread
   * to hand the wait to. Queued modes wait on a scheduler's timer instead.
   */
  static Sleeper system() {
    return duration -> {
      if (!duration.isZero()) {
        long nanos = duration.toNanos();
        Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
      }
    };
  }
}
