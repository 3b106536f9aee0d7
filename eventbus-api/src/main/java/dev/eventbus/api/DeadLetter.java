package dev.eventbus.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A delivery that failed for good: which event, which subscription, why, and after how many
 * attempts.
 *
 * @param envelope the event with its metadata
 * @param subscriptionId the subscription that failed
 * @param handlerName its reported name
 * @param cause the last failure
 * @param attempts attempts made, at least 1
 * @param failedAt when the last attempt failed
 * @since 0.1
 */
public record DeadLetter(
    EventEnvelope<?> envelope,
    SubscriptionId subscriptionId,
    String handlerName,
    Throwable cause,
    int attempts,
    Instant failedAt) {

  public DeadLetter {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(subscriptionId, "subscriptionId");
    Objects.requireNonNull(handlerName, "handlerName");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(failedAt, "failedAt");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be >= 1 but was " + attempts);
    }
  }
}
