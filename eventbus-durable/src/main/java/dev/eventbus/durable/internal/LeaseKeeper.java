package dev.eventbus.durable.internal;

import dev.eventbus.api.spi.DurableEventStore;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps this instance's lease on a store several instances share: one daemon thread that, every
 * renewal interval, {@linkplain DurableEventStore#renewLease() renews} the lease and then runs the
 * journal's takeover of deliveries whose owner's lease ran out. A failed round is logged (once per
 * run of failures, and again when it recovers) and tried again at the next interval: while the
 * store cannot be reached, this instance's deliveries may be taken over by others once its lease
 * runs out, which makes them at-least-once, never lost.
 */
final class LeaseKeeper implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(LeaseKeeper.class.getName());

  private final DurableEventStore store;
  private final Runnable takeOver;
  private final ScheduledExecutorService thread;
  private boolean failing; // only the keeper's thread reads and writes it

  LeaseKeeper(DurableEventStore store, Duration interval, Runnable takeOver) {
    this.store = store;
    this.takeOver = takeOver;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread keeper = new Thread(runnable, "eventbus-lease");
              keeper.setDaemon(true);
              return keeper;
            });
    long nanos = interval.toNanos();
    thread.scheduleWithFixedDelay(this::round, nanos, nanos, TimeUnit.NANOSECONDS);
  }

  private void round() {
    try {
      store.renewLease();
      takeOver.run();
      if (failing) {
        failing = false;
        LOG.log(System.Logger.Level.INFO, "lease renewal and takeover work again");
      }
    } catch (RuntimeException e) {
      if (!failing) {
        failing = true;
        LOG.log(
            System.Logger.Level.WARNING,
            "lease renewal or takeover failed; trying again at the next interval",
            e);
      }
    }
  }

  /** Stops the thread, waiting up to a second for a round under way. */
  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
