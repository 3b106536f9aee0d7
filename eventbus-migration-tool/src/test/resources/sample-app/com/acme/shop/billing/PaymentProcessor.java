package com.acme.shop.billing;

import com.google.common.eventbus.EventBus;
import com.google.common.eventbus.Subscribe;
import java.util.List;

/** Talks to the card provider. Declines anything over the card limit. */
public class PaymentProcessor {

  static final long CARD_LIMIT_CENTS = 100_000;

  private final EventBus bus;
  private final List<String> log;

  public PaymentProcessor(EventBus bus, List<String> log) {
    this.bus = bus;
    this.log = log;
  }

  @Subscribe
  public void onPaymentRequested(PaymentRequested request) {
    log.add("PaymentProcessor got PaymentRequested#" + request.orderId());
    if (request.cents() > CARD_LIMIT_CENTS) {
      throw new IllegalStateException("card declined for order " + request.orderId());
    }
    // Posted from inside a subscriber: the bus delivers it after the current event is done.
    bus.post(new PaymentCaptured(request.orderId(), request.cents()));
  }
}
