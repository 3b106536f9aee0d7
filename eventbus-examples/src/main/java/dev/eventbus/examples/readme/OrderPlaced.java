package dev.eventbus.examples.readme;

import dev.eventbus.api.DomainEvent;
import java.util.Objects;

/** The event of the README example: type {@code "order.placed"}, partitioned by order id. */
public record OrderPlaced(String orderId, long amountCents) implements DomainEvent {

  public OrderPlaced {
    Objects.requireNonNull(orderId, "orderId");
  }

  @Override
  public String eventType() {
    return "order.placed";
  }

  @Override
  public String partitionKey() {
    return orderId;
  }
}
