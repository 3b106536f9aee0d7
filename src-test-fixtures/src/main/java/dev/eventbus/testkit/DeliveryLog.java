package dev.eventbus.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One ordered record of deliveries across several handlers, for asserting the order in which
 * handlers ran. Thread-safe.
 */
public final class DeliveryLog {

  /** A new, empty instance. */
  public DeliveryLog() {}

  /**
   * One delivery.
   *
   * @param handler the name of the handler that ran
   * @param event the event it got
   * @param thread the name of the thread it ran on
   */
  public record Entry(String handler, Object event, String thread) {}

  private final List<Entry> entries = new ArrayList<>();

  /**
   * Records that {@code handler} got {@code event} on the current thread.
   *
   * @param handler the handler's name
   * @param event the event it got
   */
  public synchronized void record(String handler, Object event) {
    notifyAll();
    entries.add(
        new Entry(
            Objects.requireNonNull(handler, "handler"),
            Objects.requireNonNull(event, "event"),
            Thread.currentThread().getName()));
  }

  /** {@return every entry so far, in order} */
  public synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }

  /** {@return the handler names of every entry so far, in order} */
  public synchronized List<String> handlers() {
    return entries.stream().map(Entry::handler).toList();
  }

  /**
   * Waits until the log holds at least {@code size} entries.
   *
   * @param size the number of entries to wait for
   * @param timeout how long to wait at most
   * @throws InterruptedException if the thread is interrupted while it waits
   * @throws AssertionError if it does not within {@code timeout}
   */
  public synchronized void awaitSize(int size, java.time.Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (entries.size() < size) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(
            "delivery log has " + entries.size() + " of " + size + " entries after " + timeout);
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  /** Forgets every entry so far. */
  public synchronized void clear() {
    entries.clear();
  }
}
