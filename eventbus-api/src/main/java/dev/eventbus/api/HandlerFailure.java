package dev.eventbus.api;

import java.util.Objects;

/**
 * One handler's final failure to handle one event: after the last attempt its retry policy allowed,
 * or at once for a failure that is not retryable.
 *
 * @param subscriptionId the failed subscription
 * @param handlerName the subscription's reported name
 * @param event the event it failed on
 * @param cause what the handler (or its filter) threw
 * @param attempts how many attempts were made, at least 1
 * @param mode the mode the delivery ran in
 * @since 0.1
 */
public record HandlerFailure(
    SubscriptionId subscriptionId,
    String handlerName,
    Object event,
    Throwable cause,
    int attempts,
    ProcessingMode mode) {

  /**
   * @throws IllegalArgumentException if {@code attempts < 1}
   */
  public HandlerFailure {
    Objects.requireNonNull(subscriptionId, "subscriptionId");
    Objects.requireNonNull(handlerName, "handlerName");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(mode, "mode");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be >= 1 but was " + attempts);
    }
  }

  /** The event's type name (see {@link DomainEvent#typeNameOf(Object)}). */
  public String eventType() {
    return DomainEvent.typeNameOf(event);
  }

  @Override
  public String toString() {
    return "HandlerFailure{"
        + subscriptionId
        + " '"
        + handlerName
        + "' on "
        + eventType()
        + " after "
        + attempts
        + " attempt(s): "
        + cause
        + '}';
  }
}
