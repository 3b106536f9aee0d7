package com.acme.shipping;

import com.google.common.eventbus.EventBus;
import com.google.common.eventbus.Subscribe;

/**
 * Replaces com.google.common.eventbus.EventBus one day. The words
 * com.google.common.eventbus.Subscribe here are documentation only.
 */
public class Shipping {
  // com.google.common.eventbus.DeadEvent in a line comment: not a use.
  private final EventBus bus;

  Shipping(EventBus bus) {
    this.bus = bus;
    bus.register(new Listener());
  }

  void ship(String parcel) {
    bus   .   post(
        parcel);
  }

  static final class Listener {
    @Subscribe
    void onParcel(String parcel) {
      /* vm.core.event.DomainEventBus.getInstance() */
    }

    final class Inner {
      @Subscribe
      void onAgain(String parcel) {}
    }
  }
}
