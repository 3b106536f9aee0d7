package com.acme.billing;

/** Uses the legacy APIs only through fully qualified names. */
class FullyQualified {
  private final com.google.common.eventbus.EventBus bus =
      new com.google.common.eventbus.EventBus();

  @com.google.common.eventbus.Subscribe
  void on(Object event) {
    bus.post(event);
  }

  void legacy(vm.core.event.DomainEvent event) throws vm.core.event.VmException {
    vm.core.event.DomainEventBus.getInstance().publish(event);
  }
}
