package dev.eventbus.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One ordered record of deliveries across several handlers, for asserting the order in which
 * handlers ran. Thread-safe.
 */
public final class DeliveryLog {

  /**
   * One delivery.
   *
   * @param handler the name of the handler that ran
   * @param event the event it got
   * @param thread the name of the thread it ran on
   */
  public record Entry(String handler, Object event, String thread) {}

  private final List<Entry> entries = new ArrayList<>();

  /** Records that {@code handler} got {@code event} on the current thread. */
  public synchronized void record(String handler, Object event) {
    entries.add(
        new Entry(
            Objects.requireNonNull(handler, "handler"),
            Objects.requireNonNull(event, "event"),
            Thread.currentThread().getName()));
  }

  /** Every entry so far, in order. */
  public synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }

  /** The handler names of every entry so far, in order. */
  public synchronized List<String> handlers() {
    return entries.stream().map(Entry::handler).toList();
  }

  public synchronized void clear() {
    entries.clear();
  }
}
