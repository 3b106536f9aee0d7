package dev.eventbus.durable.internal;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps this instance's lease on a store several instances share, with two daemon threads: one
 * renews the lease every renewal interval and does nothing else, the other runs the journal's
 * takeover of deliveries whose owner's lease ran out at the same interval. They are apart because a
 * takeover may take long (it reads each taken-over event and waits for room in a full queue rather
 * than skip ahead): on one thread, a long takeover let this instance's own lease run out while it
 * was alive, and other instances then delivered its live work.
 *
 * <p>A failed round of either is logged (once per run of failures, and again when it recovers) and
 * tried again at the next interval: while the store cannot be reached, this instance's deliveries
 * may be taken over by others once its lease runs out, which makes them at-least-once, never lost.
 */
final class LeaseKeeper implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(LeaseKeeper.class.getName());

  private final ScheduledExecutorService renewal;
  private final ScheduledExecutorService takeover;

  /**
   * Starts both threads; the first renewal and takeover run one interval from now.
   *
   * @param renew renews the lease (the store's {@code renewLease})
   * @param interval how often each runs
   * @param takeOver takes over the deliveries of instances whose lease ran out
   */
  LeaseKeeper(Runnable renew, Duration interval, Runnable takeOver) {
    long nanos = interval.toNanos();
    this.renewal = daemon("eventbus-lease");
    this.takeover = daemon("eventbus-takeover");
    renewal.scheduleWithFixedDelay(
        new Round("lease renewal", renew), nanos, nanos, TimeUnit.NANOSECONDS);
    takeover.scheduleWithFixedDelay(
        new Round("takeover of deliveries", takeOver), nanos, nanos, TimeUnit.NANOSECONDS);
  }

  private static ScheduledExecutorService daemon(String name) {
    return Executors.newSingleThreadScheduledExecutor(
        runnable -> {
          Thread thread = new Thread(runnable, name);
          thread.setDaemon(true);
          return thread;
        });
  }

  /** One kind of round, logging the first failure of a run of failures and the recovery. */
  private static final class Round implements Runnable {
    private final String what;
    private final Runnable work;
    private boolean failing; // only this round's thread reads and writes it

    Round(String what, Runnable work) {
      this.what = what;
      this.work = work;
    }

    @Override
    public void run() {
      try {
        work.run();
        if (failing) {
          failing = false;
          LOG.log(System.Logger.Level.INFO, "{0} works again", what);
        }
      } catch (RuntimeException e) {
        if (!failing) {
          failing = true;
          LOG.log(
              System.Logger.Level.WARNING, what + " failed; trying again at the next interval", e);
        }
      }
    }
  }

  /** Stops both threads, waiting up to a second for rounds under way. */
  @Override
  public void close() {
    renewal.shutdownNow();
    takeover.shutdownNow();
    try {
      awaitTermination(renewal);
      awaitTermination(takeover);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitTermination(ExecutorService thread) throws InterruptedException {
    thread.awaitTermination(1, TimeUnit.SECONDS);
  }
}
