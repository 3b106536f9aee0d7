package com.acme.wiring.stock;

import com.google.common.eventbus.EventBus;
import java.util.List;

/** A plain bus: everything here can move to the native API. */
public final class StockShop {

  private StockShop() {}

  public static void run(List<String> log) {
    EventBus bus = new EventBus("stock");
    StockListener listener = new StockListener(log);
    bus.register(listener);
    bus.post(7L);
  }
}
