package com.acme.orders;

import vm.core.event.DomainEvent;
import vm.core.event.DomainEventBus;
import vm.core.event.VmException;

/** Publishes order events on the legacy bus. */
public class OrderService {
  private final DomainEventBus bus;

  public OrderService() {
    this.bus = DomainEventBus.getInstance();
  }

  public OrderService(DomainEventBus bus) {
    this.bus = bus;
  }

  public void placeOrder(DomainEvent event) throws VmException {
    bus.publish(event);
    this.bus.publish(event);
  }
}
