package com.acme.client;

import com.google.common.eventbus.*;

class LocalEventBus {
  /** Shadows com.google.common.eventbus.EventBus in this file. */
  static final class EventBus {
    void post(Object event) {}
  }

  private final EventBus local = new EventBus();

  @Subscribe
  void on(String event) {
    local.post(event);
  }
}
