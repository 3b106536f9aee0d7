package com.acme.shop.app;

import com.acme.shop.billing.BillingListener;
import com.acme.shop.inventory.InventoryListeners;
import com.acme.shop.notifications.PushNotifier;
import com.acme.shop.notifications.SmsOutbox;
import com.acme.shop.orders.OrderCancelled;
import com.acme.shop.orders.OrderPlaced;
import com.acme.shop.orders.OrderService;
import com.acme.shop.shipping.ShippingListener;
import com.google.common.eventbus.EventBus;
import com.google.common.eventbus.Subscribe;
import java.util.List;

/** Wires the storefront: orders, billing, shipping, stock and customer notifications. */
final class GuavaShop {

  private GuavaShop() {}

  static void run(List<String> log) {
    var bus = new EventBus("storefront");
    // Warehouse staff get a bus of their own, so a slow pager cannot hold up checkout.
    com.google.common.eventbus.EventBus staffBus = new com.google.common.eventbus.EventBus();
    com.acme.shop.util.EventBus metrics = new com.acme.shop.util.EventBus();
    metrics.register(new MetricsCounter(log));

    InventoryListeners inventory = new InventoryListeners(log);
    staffBus.register(new InventoryListeners.StockReserver(log));

    bus.register(new BillingListener(log));
    bus.register(new ShippingListener(log));
    bus.register(new PushNotifier(metrics, log));
    bus.register(
        new Object() {
          // Forwards every order to the staff bus.
          @Subscribe
          public void forward(OrderPlaced order) {
            staffBus.post(order);
          }
        });
    bus.register(inventory.new StockReleaser());
    bus.register(new SmsOutbox(log));

    OrderService orders = new OrderService(bus);
    orders.placeOrder(17, "Café Müller", 4200);
    orders.placeOrder(18, "Ada", 1999);
    orders.cancelOrder(18, "out of stock");

    // Phone orders come in through the call-centre integration, which only knows an Object.
    Object callCentreBus = bus;
    ((EventBus) callCentreBus).post(new OrderPlaced(19, "Grace", 500));
    (bus).post(new OrderCancelled(19, "customer request"));
  }
}
