package dev.eventbus.testkit;

import dev.eventbus.api.EventHandler;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A handler that throws the same failure on every call and counts its calls. Thread-safe.
 *
 * @param <E> the event type
 */
public final class FailingHandler<E> implements EventHandler<E> {

  private final String name;
  private final int priority;
  private final Throwable failure;
  private final AtomicInteger calls = new AtomicInteger();

  private FailingHandler(String name, int priority, Throwable failure) {
    this.name = Objects.requireNonNull(name, "name");
    this.priority = priority;
    this.failure = Objects.requireNonNull(failure, "failure");
  }

  /**
   * A handler named {@code name} that throws {@code failure} (an exception or an {@link Error}).
   *
   * @param <E> the event type
   * @param name the handler's name
   * @param failure what each call throws, an {@link Exception} or an {@link Error}
   * @return a handler with the default priority
   * @throws IllegalArgumentException if {@code failure} is neither
   */
  public static <E> FailingHandler<E> throwing(String name, Throwable failure) {
    if (!(failure instanceof Exception) && !(failure instanceof Error)) {
      throw new IllegalArgumentException(
          "failure must be an Exception or an Error but was " + failure.getClass().getName());
    }
    return new FailingHandler<>(name, DEFAULT_PRIORITY, failure);
  }

  /**
   * This handler with another priority (a new handler with its own call count).
   *
   * @param newPriority the priority of the new handler
   * @return a new handler with the same name and failure
   */
  public FailingHandler<E> withPriority(int newPriority) {
    return new FailingHandler<>(name, newPriority, failure);
  }

  @Override
  public void handle(E event) throws Exception {
    calls.incrementAndGet();
    if (failure instanceof Error error) {
      throw error;
    }
    throw (Exception) failure;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int priority() {
    return priority;
  }

  /** {@return how often it was called} */
  public int calls() {
    return calls.get();
  }
}
