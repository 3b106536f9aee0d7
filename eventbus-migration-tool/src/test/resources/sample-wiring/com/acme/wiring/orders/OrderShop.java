package com.acme.wiring.orders;

import java.util.List;

/** Registers on the bus a method returns. */
public final class OrderShop {

  private OrderShop() {}

  public static void run(List<String> log) {
    OrderService service = new OrderService();
    service.getEventBus().register(new OrderLog(log));
    service.place("o-1");
    service.cancel("o-1");
  }
}
