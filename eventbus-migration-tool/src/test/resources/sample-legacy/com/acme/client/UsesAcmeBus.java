package com.acme.client;

import com.acme.other.EventBus;

// Not com.google.common.eventbus.EventBus: this one is ours.
class UsesAcmeBus {
  private final EventBus bus = new EventBus();

  void send(Object event) {
    bus.post(event);
    bus.register(this);
  }

  /* Also not vm.core.event.DomainEventBus.getInstance(). */
  String text() {
    return "com.google.common.eventbus.Subscribe";
  }
}
