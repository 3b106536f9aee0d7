package dev.eventbus.compat.di;

import dev.eventbus.api.UnifiedEventBus;
import jakarta.inject.Inject;
import java.util.Objects;

/** An application service that publishes: it takes the bus by constructor, as DI gives it. */
final class OrderService {

  private final UnifiedEventBus bus;

  @Inject
  OrderService(UnifiedEventBus bus) {
    this.bus = Objects.requireNonNull(bus, "bus");
  }

  void placeOrder(String orderId, long amountCents) {
    bus.publish(new OrderPlaced(orderId, amountCents));
  }

  UnifiedEventBus bus() {
    return bus;
  }
}
