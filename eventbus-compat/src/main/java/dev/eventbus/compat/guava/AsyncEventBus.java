package dev.eventbus.compat.guava;

import dev.eventbus.api.UnifiedEventBus;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * An {@link EventBus} that calls subscriber methods on an {@link Executor}: {@link #post(Object)}
 * hands each subscriber's call to the executor and returns. Events posted from different threads,
 * or from subscribers, carry no ordering guarantee beyond what the executor gives. Subscriber
 * exceptions reach the {@link SubscriberExceptionHandler} on the executor's thread.
 *
 * <p>Like {@link EventBus}, it makes a unified bus of its own unless given one to share (see
 * {@linkplain EventBus the engine}); on a shared engine only its own subscribers run on the
 * executor, native and legacy ones run as their subscriptions say.
 *
 * @since 0.1
 */
public class AsyncEventBus extends EventBus {

  /**
   * A bus that logs subscriber exceptions.
   *
   * @param identifier the bus's name
   * @param executor where subscriber methods run
   * @throws NullPointerException if an argument is null
   */
  public AsyncEventBus(String identifier, Executor executor) {
    super(identifier, Objects.requireNonNull(executor, "executor"), LoggingHandler.INSTANCE, null);
  }

  /**
   * A bus named {@code "default"}.
   *
   * @param executor where subscriber methods run
   * @param subscriberExceptionHandler where subscriber exceptions go
   * @throws NullPointerException if an argument is null
   */
  public AsyncEventBus(Executor executor, SubscriberExceptionHandler subscriberExceptionHandler) {
    super(
        "default", Objects.requireNonNull(executor, "executor"), subscriberExceptionHandler, null);
  }

  /**
   * A bus named {@code "default"} that logs subscriber exceptions.
   *
   * @param executor where subscriber methods run
   * @throws NullPointerException if {@code executor} is null
   */
  public AsyncEventBus(Executor executor) {
    super("default", Objects.requireNonNull(executor, "executor"), LoggingHandler.INSTANCE, null);
  }

  /**
   * A bus named {@code "default"} over {@code bus}, that logs subscriber exceptions.
   *
   * @param bus the engine to deliver through; not owned by this bus
   * @param executor where subscriber methods run
   * @throws NullPointerException if an argument is null
   */
  public AsyncEventBus(UnifiedEventBus bus, Executor executor) {
    this("default", bus, executor, LoggingHandler.INSTANCE);
  }

  /**
   * A bus over {@code bus}.
   *
   * @param identifier the bus's name
   * @param bus the engine to deliver through; not owned by this bus
   * @param executor where subscriber methods run
   * @param subscriberExceptionHandler where subscriber exceptions go
   * @throws NullPointerException if an argument is null
   */
  public AsyncEventBus(
      String identifier,
      UnifiedEventBus bus,
      Executor executor,
      SubscriberExceptionHandler subscriberExceptionHandler) {
    super(
        identifier,
        Objects.requireNonNull(executor, "executor"),
        subscriberExceptionHandler,
        Objects.requireNonNull(bus, "bus"));
  }
}
