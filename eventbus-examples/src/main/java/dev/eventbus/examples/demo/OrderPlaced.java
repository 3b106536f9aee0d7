package dev.eventbus.examples.demo;

import java.util.Objects;

/** A customer placed an order worth {@code amountCents}. */
public record OrderPlaced(String orderId, String customerId, long amountCents)
    implements OrderEvent {

  public static final String TYPE = "order.placed";

  public OrderPlaced {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(customerId, "customerId");
    if (amountCents <= 0) {
      throw new IllegalArgumentException("amountCents must be > 0 but was " + amountCents);
    }
  }

  @Override
  public String eventType() {
    return TYPE;
  }
}
