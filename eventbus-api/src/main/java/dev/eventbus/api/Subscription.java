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

  SubscriptionId id();

  /** What it is subscribed to: a type name, {@code "*"}, or a class name. */
  String eventType();

  /** The handler's reported name. */
  String name();

  /** The mode it was subscribed with (after defaults were applied). */
  ProcessingMode mode();

  /** The effective delivery priority. */
  int priority();

  /** {@code false} once closed or unsubscribed. */
  boolean isActive();

  /** Unsubscribes; idempotent, never throws. */
  @Override
  void close();
}
