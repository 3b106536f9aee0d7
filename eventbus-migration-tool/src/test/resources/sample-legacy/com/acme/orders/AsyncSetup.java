package com.acme.orders;

import static vm.core.event.DomainEventBus.getInstance;

import vm.core.event.AsyncEventBus;
import vm.core.event.DomainEvent;
import vm.core.event.DomainEventBus;
import vm.core.event.VmException;

final class AsyncSetup {
  static AsyncEventBus start() {
    var delegate = new DomainEventBus();
    var async = new AsyncEventBus(delegate);
    async.start();
    return async;
  }

  static void fire(DomainEvent event) throws VmException {
    getInstance().publish(event);
    AsyncEventBus async = start();
    async.publishAsync(event);
  }
}
