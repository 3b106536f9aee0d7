package dev.eventbus.api;

/**
 * Receives events of one type. Written as a lambda in the common case; implement the interface to
 * give the handler a name, a default priority, or to keep it on the publisher's thread.
 *
 * <p>A handler may be called from several threads at once unless it is subscribed in a mode that
 * serialises its calls (see {@link ProcessingMode}). Whatever it throws, including {@link Error}s,
 * is caught, counted, handed to the bus's {@link EventExceptionHandler} and, where a retry policy
 * applies, retried; it never stops delivery to other handlers.
 *
 * @param <E> the event type
 * @since 0.1
 */
@FunctionalInterface
public interface EventHandler<E> {

  /** The priority of a handler that does not say otherwise. */
  int DEFAULT_PRIORITY = 100;

  /**
   * Handles one event.
   *
   * @param event the event, never null
   * @throws Exception to report a failure: the bus retries or reports it, never the publisher
   */
  void handle(E event) throws Exception;

  /**
   * Synchronous delivery order: handlers with a higher priority run first; equal priorities run in
   * subscription order. {@link SubscriptionOptions#priority()} overrides this value.
   *
   * @return the priority; {@link #DEFAULT_PRIORITY} unless overridden
   */
  default int priority() {
    return DEFAULT_PRIORITY;
  }

  /**
   * A name for stats, failure reports and logs. {@link SubscriptionOptions} may override it.
   *
   * @return the name; the handler's class name unless overridden
   */
  default String name() {
    return getClass().getName();
  }

  /**
   * Whether the bus may move this handler off the publisher's thread when it chooses a mode by
   * itself ({@link ProcessingMode#ADAPTIVE}). Handlers that depend on the publisher's thread
   * (thread-locals, an open transaction) return {@code false} and stay synchronous. An explicit
   * {@code ASYNC} or {@code BATCH} subscription is the caller's own choice and is not checked.
   *
   * @return {@code true} (the default) if the handler may run on another thread
   */
  default boolean supportsAsync() {
    return true;
  }
}
