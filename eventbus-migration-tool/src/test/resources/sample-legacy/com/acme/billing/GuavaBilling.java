package com.acme.billing;

import com.google.common.eventbus.AllowConcurrentEvents;
import com.google.common.eventbus.DeadEvent;
import com.google.common.eventbus.EventBus;
import com.google.common.eventbus.Subscribe;

public class GuavaBilling {
  private final EventBus eventBus = new EventBus("billing");

  public void start() {
    eventBus.register(this);
  }

  public void charge(String invoice) {
    eventBus.post(invoice);
  }

  @Subscribe
  @AllowConcurrentEvents
  public void onInvoice(String invoice) {}

  @Subscribe
  public void onDead(DeadEvent dead) {
    eventBus.unregister(this);
  }
}
