package dev.eventbus.examples.demo;

import java.util.Objects;

/**
 * An order was cancelled before it shipped. {@code refundCents} is what the customer gets back: the
 * amount paid, or 0 if the order was not paid yet.
 */
public record OrderCancelled(String orderId, String reason, long refundCents)
    implements OrderEvent {

  public static final String TYPE = "order.cancelled";

  public OrderCancelled {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(reason, "reason");
    if (refundCents < 0) {
      throw new IllegalArgumentException("refundCents must be >= 0 but was " + refundCents);
    }
  }

  @Override
  public String eventType() {
    return TYPE;
  }
}
