package dev.eventbus.api;

import java.util.Objects;

/**
 * A delivery the bus did not make because a queue was full (see {@link OverflowPolicy}) or the bus
 * stopped before its turn came.
 *
 * @param subscriptionId the subscription that did not get the event
 * @param subscriptionName its reported name
 * @param event the event it did not get
 * @param reason why, for example {@code "queue full (DROP_NEWEST)"}
 * @since 0.1
 */
public record DroppedDelivery(
    SubscriptionId subscriptionId, String subscriptionName, Object event, String reason) {

  /**
   * Checks the components.
   *
   * @param subscriptionId the subscription that did not get the event
   * @param subscriptionName its reported name
   * @param event the event it did not get
   * @param reason why, for example {@code "queue full (DROP_NEWEST)"}
   * @throws NullPointerException if a component is null
   */
  public DroppedDelivery {
    Objects.requireNonNull(subscriptionId, "subscriptionId");
    Objects.requireNonNull(subscriptionName, "subscriptionName");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(reason, "reason");
  }
}
