package com.acme.shop.billing;

import com.acme.shop.orders.OrderPlaced;
import com.acme.shop.util.Money;
import com.google.common.eventbus.AllowConcurrentEvents;
import com.google.common.eventbus.Subscribe;
import java.util.List;

/** Charges the customer for each placed order. This file keeps its Windows line endings. */
public class BillingListener {

  private final List<String> log;

  public BillingListener(List<String> log) {
    this.log = log;
  }

  @Subscribe
  @AllowConcurrentEvents
  public void onOrderPlaced(OrderPlaced order) {
    log.add(
        "BillingListener got OrderPlaced#"
            + order.orderId()
            + " charging "
            + Money.euros(order.totalCents()));
  }
}
