package com.acme.wiring.orders;

import com.google.common.eventbus.EventBus;

/** Services share a bus, named after the class (a non-literal identifier). */
public class BaseService {

  private static final String NAME = BaseService.class.getSimpleName();

  protected final EventBus bus = new EventBus(NAME);

  public EventBus getEventBus() {
    return bus;
  }
}
