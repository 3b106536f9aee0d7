package dev.eventbus.core.spi;

/**
 * Receives the final outcome of a delivery a processor accepted as {@link
 * DeliveryOutcome.Status#PENDING}. The processor calls it exactly once per pending delivery, with
 * {@code DELIVERED}, {@code DROPPED} or a {@link DeliveryOutcome.Failed}, from whatever thread
 * finished the delivery.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface DeliveryCallback {

  /**
   * Receives the final outcome of one pending delivery.
   *
   * @param subscriber the subscriber the event was for
   * @param event the event
   * @param outcome {@code DELIVERED}, {@code DROPPED} or a {@link DeliveryOutcome.Failed}
   */
  void completed(Subscriber subscriber, Object event, DeliveryOutcome outcome);
}
