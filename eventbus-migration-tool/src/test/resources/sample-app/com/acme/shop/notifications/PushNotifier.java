package com.acme.shop.notifications;

import com.acme.shop.orders.OrderPlaced;
import com.acme.shop.util.EventBus; // our metrics bus, not com.google.common.eventbus.EventBus
import com.google.common.eventbus.Subscribe;
import java.util.List;

/** Sends a push message to the customer's phone and counts it. */
public class PushNotifier {

  private final EventBus metrics;
  private final List<String> log;

  public PushNotifier(EventBus metrics, List<String> log) {
    this.metrics = metrics;
    this.log = log;
  }

  @Subscribe
  public void onOrderPlaced(OrderPlaced order) {
    log.add("PushNotifier got OrderPlaced#" + order.orderId());
    metrics.post("push.sent#" + order.orderId());
  }
}
