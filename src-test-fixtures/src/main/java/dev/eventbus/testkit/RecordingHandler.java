package dev.eventbus.testkit;

import dev.eventbus.api.EventHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A handler that records what it receives, optionally into a shared {@link DeliveryLog}, and can be
 * waited on. Thread-safe.
 *
 * <pre>{@code
 * RecordingHandler<OrderPlaced> handler = RecordingHandler.named("billing");
 * bus.subscribe(OrderPlaced.class, handler);
 * bus.publish(new OrderPlaced("o-1", 100));
 * assertThat(handler.events()).containsExactly(new OrderPlaced("o-1", 100));
 * }</pre>
 *
 * @param <E> the event type
 */
public final class RecordingHandler<E> implements EventHandler<E> {

  private final String name;
  private final int priority;
  private final @Nullable DeliveryLog log;
  private final Consumer<? super E> action;
  private final List<E> events = new ArrayList<>();

  private RecordingHandler(
      String name, int priority, @Nullable DeliveryLog log, Consumer<? super E> action) {
    this.name = Objects.requireNonNull(name, "name");
    this.priority = priority;
    this.log = log;
    this.action = Objects.requireNonNull(action, "action");
  }

  /**
   * A recording handler with the default priority.
   *
   * @param <E> the event type
   * @param name the handler's name
   * @return a handler that records what it receives
   */
  public static <E> RecordingHandler<E> named(String name) {
    return new RecordingHandler<>(name, DEFAULT_PRIORITY, null, event -> {});
  }

  /**
   * A recording handler with a priority, writing to {@code log} too.
   *
   * @param <E> the event type
   * @param name the handler's name
   * @param priority the handler's priority
   * @param log where each delivery is also recorded, under {@code name}
   * @return a handler that records what it receives
   * @throws NullPointerException if {@code log} is null
   */
  public static <E> RecordingHandler<E> named(String name, int priority, DeliveryLog log) {
    return new RecordingHandler<>(name, priority, Objects.requireNonNull(log, "log"), event -> {});
  }

  /**
   * This handler, also running {@code action} on each event after recording it.
   *
   * @param action what to run on each event after recording it
   * @return a new handler with the same name, priority and log, and an empty record
   */
  public RecordingHandler<E> then(Consumer<? super E> action) {
    return new RecordingHandler<>(name, priority, log, action);
  }

  @Override
  public void handle(E event) {
    synchronized (this) {
      events.add(event);
      notifyAll();
    }
    if (log != null) {
      log.record(name, event);
    }
    action.accept(event);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int priority() {
    return priority;
  }

  /** {@return everything received so far, in arrival order} */
  public synchronized List<E> events() {
    return List.copyOf(events);
  }

  /** {@return how many events have arrived so far} */
  public synchronized int count() {
    return events.size();
  }

  /**
   * Waits until at least {@code count} events have arrived.
   *
   * @param count the number of events to wait for
   * @param timeout how long to wait at most
   * @return the events received when the count was reached
   * @throws InterruptedException if the thread is interrupted while it waits
   * @throws AssertionError if the count is not reached within {@code timeout}
   */
  public synchronized List<E> awaitCount(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (events.size() < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(
            "'" + name + "' received " + events.size() + " of " + count + " events in " + timeout);
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return List.copyOf(events);
  }

  @Override
  public String toString() {
    return "RecordingHandler[" + name + ", " + count() + " events]";
  }
}
