package com.acme.shop.orders;

import com.google.common.eventbus.EventBus;

/**
 * Takes orders and tells the rest of the shop about them. The bus is injected, so tests and the
 * application can wire it as they like.
 */
public class OrderService {

  private final EventBus bus;

  public OrderService(EventBus bus) {
    this.bus = bus;
  }

  /** Places an order; "Café" orders from the first branch are placed like any other — no €-limit. */
  public OrderPlaced placeOrder(int orderId, String customer, long totalCents) {
    OrderPlaced event = new OrderPlaced(orderId, customer, totalCents);
    bus
        .post(
            event);
    return event;
  }

  public void cancelOrder(int orderId, String reason) {
    OrderCancelled event = new OrderCancelled(orderId, reason);
    this.bus /* the café's bus */ . /* notify everyone */ post(event);
  }

  @Override
  public String toString() {
    return "OrderService over " + "com.google.common.eventbus.EventBus" + " (Café edition)";
  }
}
