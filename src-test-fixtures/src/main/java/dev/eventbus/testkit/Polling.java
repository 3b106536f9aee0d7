package dev.eventbus.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

/**
 * Waits on conditions for the contracts that watch another process (a broker, a server): poll, with
 * a deadline. The test kit does not bring Awaitility onto its users' class paths, so this is its
 * own small loop; the pause between polls only spaces them out.
 */
final class Polling {

  private static final long PAUSE_MILLIS = 20;

  private Polling() {}

  /** A condition that may ask the broker; its exceptions fail the test. */
  @FunctionalInterface
  interface Condition {
    boolean holds() throws Exception;
  }

  /** Returns once the condition holds; fails after {@code patience}. */
  static void until(Condition condition, Duration patience, String what) throws Exception {
    long deadline = System.nanoTime() + patience.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + patience + ": " + what);
      }
      pause(what);
    }
  }

  /** Fails as soon as the condition does not hold, polling it for {@code period}. */
  static void holdsFor(Duration period, Condition condition, String what) throws Exception {
    long end = System.nanoTime() + period.toNanos();
    do {
      assertThat(condition.holds()).as(what).isTrue();
      pause(what);
    } while (System.nanoTime() < end);
  }

  private static void pause(String what) {
    try {
      Thread.sleep(PAUSE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting: " + what, e);
    }
  }
}
