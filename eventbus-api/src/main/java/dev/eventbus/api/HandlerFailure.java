package dev.eventbus.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One subscription's final failure to handle one event: after the last attempt its retry policy
 * allowed, or at once for a failure that is not retryable. The one record of a final failure: the
 * bus's {@link EventExceptionHandler} is told it, the {@link PublishResult} lists it, and the
 * dead-letter handler or {@link DeadLetterQueue} keeps it.
 *
 * @param subscriptionId the failed subscription
 * @param subscriptionName its name (see {@link Subscription#name()})
 * @param mode the mode the delivery ran in
 * @param event the event it failed on
 * @param cause what the handler (or a filter) threw last
 * @param attempts how many attempts were made, at least 1
 * @param failedAt when the last attempt failed, on the bus's clock
 * @since 0.1
 */
public record HandlerFailure(
    SubscriptionId subscriptionId,
    String subscriptionName,
    ProcessingMode mode,
    Object event,
    Throwable cause,
    int attempts,
    Instant failedAt) {

  /**
   * Checks the components.
   *
   * @param subscriptionId the failed subscription
   * @param subscriptionName its name (see {@link Subscription#name()})
   * @param mode the mode the delivery ran in
   * @param event the event it failed on
   * @param cause what the handler (or a filter) threw last
   * @param attempts how many attempts were made, at least 1
   * @param failedAt when the last attempt failed, on the bus's clock
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if {@code attempts < 1}
   */
  public HandlerFailure {
    Objects.requireNonNull(subscriptionId, "subscriptionId");
    Objects.requireNonNull(subscriptionName, "subscriptionName");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(failedAt, "failedAt");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be >= 1 but was " + attempts);
    }
  }

  /** {@return the event's type name (see {@link DomainEvent#typeNameOf(Object)})} */
  public String eventType() {
    return DomainEvent.typeNameOf(event);
  }

  @Override
  public String toString() {
    return "HandlerFailure{"
        + subscriptionId
        + " '"
        + subscriptionName
        + "' on "
        + eventType()
        + " after "
        + attempts
        + " attempt(s): "
        + cause
        + '}';
  }
}
