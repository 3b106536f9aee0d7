package dev.eventbus.examples.demo;

import java.util.Objects;

/** The customer paid the order's full amount. */
public record OrderPaid(String orderId, long amountCents) implements OrderEvent {

  public static final String TYPE = "order.paid";

  public OrderPaid {
    Objects.requireNonNull(orderId, "orderId");
    if (amountCents <= 0) {
      throw new IllegalArgumentException("amountCents must be > 0 but was " + amountCents);
    }
  }

  @Override
  public String eventType() {
    return TYPE;
  }
}
