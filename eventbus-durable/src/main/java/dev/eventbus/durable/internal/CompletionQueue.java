package dev.eventbus.durable.internal;

import dev.eventbus.api.spi.DurableEventStore;
import dev.eventbus.api.spi.DurableEventStore.DeliveryCompletion;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Writes delivery completions to the store in batches from one thread, so a handler's thread never
 * waits for the store, and prunes completed records older than the retention now and then. A
 * completion that is lost (the process dies first, or the store keeps failing) only means the
 * delivery is made again after the next start: delivery is at least once.
 */
final class CompletionQueue {

  private static final Duration NANOS_CAP = Duration.ofNanos(Long.MAX_VALUE / 2);

  private static final Logger LOG = System.getLogger(CompletionQueue.class.getName());
  private static final int MAX_BATCH = 1_000;
  private static final int ATTEMPTS = 3;

  private final DurableEventStore store;
  private final Clock clock;
  private final long flushIntervalNanos;
  private final Duration retention;
  private final BlockingQueue<DeliveryCompletion> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private final Object progress = new Object();
  private long recorded;
  private long written;
  private long lost;
  private volatile boolean closed;
  private long lastPruneNanos = System.nanoTime();

  /**
   * Starts the writer thread.
   *
   * @param store where completions go
   * @param clock stamps the pruning horizon
   * @param flushInterval how long completions may wait to be written together
   * @param retention how long completed records are kept
   */
  public CompletionQueue(
      DurableEventStore store, Clock clock, Duration flushInterval, Duration retention) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.flushIntervalNanos = Math.max(1, cappedNanos(flushInterval));
    this.retention = Objects.requireNonNull(retention, "retention");
    this.writer = new Thread(this::run, "eventbus-store-completions");
    writer.setDaemon(true);
    writer.start();
  }

  /** Queues a completion; returns at once. */
  public void record(DeliveryCompletion completion) {
    synchronized (progress) {
      recorded++;
    }
    queue.add(completion);
  }

  /** Completions lost to store failures since the start (their deliveries will be repeated). */
  public long lost() {
    synchronized (progress) {
      return lost;
    }
  }

  /**
   * Waits until everything recorded so far is written, or the deadline passes.
   *
   * @return whether everything was written in time
   */
  public boolean flush(long deadlineNanos) {
    synchronized (progress) {
      long target = recorded;
      while (written < target) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(progress, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }
  }

  /** Writes what is queued (until the deadline) and stops the writer. */
  public void close(long deadlineNanos) {
    flush(deadlineNanos);
    closed = true;
    writer.interrupt();
    try {
      writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    List<DeliveryCompletion> batch = new ArrayList<>();
    while (!closed) {
      try {
        DeliveryCompletion first = queue.poll(flushIntervalNanos, TimeUnit.NANOSECONDS);
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, MAX_BATCH - 1);
          write(batch);
          batch.clear();
        }
        pruneNowAndThen();
      } catch (InterruptedException e) {
        // close() interrupts to end the wait; the loop condition decides
      }
    }
  }

  private void write(List<DeliveryCompletion> batch) {
    Throwable last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        store.completeDeliveries(List.copyOf(batch));
        advance(batch.size(), 0);
        return;
      } catch (RuntimeException | Error e) {
        // An Error from a store (a driver's assertion, a linkage problem) must not end this
        // thread: completions would stop being written and every stop would wait its timeout.
        last = e;
      }
    }
    LOG.log(
        Level.WARNING,
        "could not record "
            + batch.size()
            + " delivery completions; those deliveries will be made again after a restart",
        last);
    advance(batch.size(), batch.size());
  }

  private void advance(int done, int failed) {
    synchronized (progress) {
      written += done;
      lost += failed;
      progress.notifyAll();
    }
  }

  /**
   * A configured duration (never negative) in nanoseconds, capped at about 146 years so that adding
   * it to a {@link System#nanoTime()} reading cannot overflow.
   */
  private static long cappedNanos(Duration duration) {
    return duration.compareTo(NANOS_CAP) >= 0 ? NANOS_CAP.toNanos() : duration.toNanos();
  }

  private void pruneNowAndThen() {
    long now = System.nanoTime();
    long retentionNanos = cappedNanos(retention);
    long every = Math.max(TimeUnit.SECONDS.toNanos(1), retentionNanos / 100);
    if (now - lastPruneNanos < every) {
      return;
    }
    lastPruneNanos = now;
    try {
      store.pruneCompletedDeliveries(clock.instant().minus(retention));
    } catch (RuntimeException | Error e) {
      LOG.log(Level.WARNING, "could not prune completed deliveries; will try again", e);
    }
  }
}
