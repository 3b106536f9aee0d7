package com.acme.orders;

import vm.core.event.*;

public final class OrderEvents implements DomainEvent {
  @Override
  public String eventType() {
    return "order.placed";
  }

  static EventSubscriptionId listen(DomainEventBus bus) {
    EventHandler handler =
        new EventHandler() {
          @Override
          public void handle(DomainEvent event) {}

          @Override
          public String name() {
            return "audit";
          }
        };
    return bus.subscribe("order.placed", handler);
  }

  static void stop(DomainEventBus bus, EventSubscriptionId id) throws VmException {
    bus.unsubscribe(id);
  }
}
