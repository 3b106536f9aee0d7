package dev.eventbus.durable.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The lease keeper renews on time whatever its takeover does. */
@Timeout(30)
class LeaseKeeperTest {

  private static final Duration INTERVAL = Duration.ofMillis(10);

  @Test
  void aTakeoverThatTakesLongDoesNotHoldUpTheRenewals() throws Exception {
    AtomicInteger renewals = new AtomicInteger();
    CountDownLatch takeoverStarted = new CountDownLatch(1);
    CountDownLatch releaseTakeover = new CountDownLatch(1);
    LeaseKeeper keeper =
        new LeaseKeeper(
            renewals::incrementAndGet,
            INTERVAL,
            () -> {
              takeoverStarted.countDown();
              awaitQuietly(releaseTakeover); // a takeover waiting for room in a full queue
            });
    try {
      assertThat(takeoverStarted.await(10, TimeUnit.SECONDS)).isTrue();
      int atStart = renewals.get();

      Thread.sleep(30 * INTERVAL.toMillis());

      // One renewal per interval would be 30; a scheduler on a busy machine may miss many of them,
      // but a keeper that renewed on the takeover's thread would make none at all.
      assertThat(renewals.get() - atStart).isGreaterThanOrEqualTo(5);
    } finally {
      releaseTakeover.countDown();
      keeper.close();
    }
  }

  @Test
  void aFailingRenewalIsTriedAgainAtEveryInterval() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    AtomicInteger takeovers = new AtomicInteger();
    LeaseKeeper keeper =
        new LeaseKeeper(
            () -> {
              attempts.incrementAndGet();
              throw new IllegalStateException("store unreachable");
            },
            INTERVAL,
            takeovers::incrementAndGet);
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while ((attempts.get() < 3 || takeovers.get() < 3) && System.nanoTime() < deadline) {
        Thread.sleep(INTERVAL.toMillis());
      }
      assertThat(attempts.get()).isGreaterThanOrEqualTo(3);
      assertThat(takeovers.get()).isGreaterThanOrEqualTo(3);
    } finally {
      keeper.close();
    }
  }

  @Test
  void closeStopsBothThreads() throws Exception {
    AtomicInteger renewals = new AtomicInteger();
    AtomicInteger takeovers = new AtomicInteger();
    LeaseKeeper keeper =
        new LeaseKeeper(renewals::incrementAndGet, INTERVAL, takeovers::incrementAndGet);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while ((renewals.get() == 0 || takeovers.get() == 0) && System.nanoTime() < deadline) {
      Thread.sleep(INTERVAL.toMillis());
    }

    keeper.close();
    int renewed = renewals.get();
    int tookOver = takeovers.get();
    Thread.sleep(10 * INTERVAL.toMillis());

    assertThat(renewed).isPositive();
    assertThat(renewals.get()).isEqualTo(renewed);
    assertThat(takeovers.get()).isEqualTo(tookOver);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
