package com.acme.wiring.audit;

import com.google.common.eventbus.EventBus;
import com.google.common.eventbus.SubscriberExceptionHandler;
import java.util.List;

/** Builds the bus as a DI module would: with an exception handler, registering what it is given. */
final class BusModule {

  static final SubscriberExceptionHandler HANDLER = (exception, context) -> {};

  private BusModule() {}

  static EventBus provideBus(List<AuditListener> listeners) {
    EventBus bus = new EventBus(HANDLER);
    for (AuditListener listener : listeners) {
      bus.register(listener);
    }
    return bus;
  }
}
