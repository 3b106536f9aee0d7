package dev.eventbus.api;

/**
 * A live subscription. Closing it unsubscribes the handler; closing twice, or after {@link
 * UnifiedEventBus#unsubscribe(SubscriptionId)}, does nothing. Thread-safe.
 *
 * <p>Once {@link #close()} returns the handler is not invoked for any event whose delivery has not
 * started yet; an invocation already running on another thread finishes.
 *
 * @since 0.1
 */
public interface Subscription extends AutoCloseable {

  /** {@return the subscription's id, unique within its bus} */
  SubscriptionId id();

  /** {@return what it is subscribed to: a type name, {@code "*"}, or a class name} */
  String eventType();

  /** {@return the name reported for it: the options' name, else the handler's} */
  String name();

  /** {@return the mode it was subscribed with (after defaults were applied)} */
  ProcessingMode mode();

  /** {@return the effective delivery priority; higher runs first} */
  int priority();

  /** {@return {@code false} once closed or unsubscribed} */
  boolean isActive();

  /** Unsubscribes; idempotent, never throws. */
  @Override
  void close();
}
