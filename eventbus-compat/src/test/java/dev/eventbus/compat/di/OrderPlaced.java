package dev.eventbus.compat.di;

import dev.eventbus.api.DomainEvent;
import java.util.Objects;

/** The event {@link OrderService} publishes and {@link BillingService} bills. */
record OrderPlaced(String orderId, long amountCents) implements DomainEvent {

  OrderPlaced {
    Objects.requireNonNull(orderId, "orderId");
  }

  @Override
  public String eventType() {
    return "order.placed";
  }
}
