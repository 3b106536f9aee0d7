package com.acme.shop.notifications;

import com.acme.shop.billing.PaymentCaptured;
import com.google.common.eventbus.AllowConcurrentEvents;
import com.google.common.eventbus.Subscribe;
import java.util.Collection;

/** Mails receipts; slow, so it runs on the receipts bus's worker threads. */
public class ReceiptMailer {

  private final Collection<String> sent;

  /** {@code sent} must be safe to add to from several threads. */
  public ReceiptMailer(Collection<String> sent) {
    this.sent = sent;
  }

  @Subscribe
  @AllowConcurrentEvents
  public void onCaptured(PaymentCaptured captured) {
    sent.add(
        "ReceiptMailer got PaymentCaptured#"
            + captured.orderId()
            + " receipt "
            + captured.cents() / 100
            + " EUR");
  }
}
