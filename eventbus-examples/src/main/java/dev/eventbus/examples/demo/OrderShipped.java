package dev.eventbus.examples.demo;

import java.util.Objects;

/** A paid order left {@code warehouse}. */
public record OrderShipped(String orderId, String warehouse) implements OrderEvent {

  public static final String TYPE = "order.shipped";

  public OrderShipped {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(warehouse, "warehouse");
  }

  @Override
  public String eventType() {
    return TYPE;
  }
}
