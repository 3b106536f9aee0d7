package com.acme.shop.audit;

import com.acme.shop.billing.PaymentCaptured;
import com.acme.shop.billing.PaymentRequested;
import com.google.common.eventbus.Subscribe;
import java.util.List;

/** Keeps the payments audit trail (one line per payment event). */
public class PaymentAuditor {

  private final List<String> log;

  public PaymentAuditor(List<String> log) {
    this.log = log;
  }

  @Subscribe
  public void onRequested(PaymentRequested request) {
    log.add("PaymentAuditor got PaymentRequested#" + request.orderId());
  }

  @Subscribe
  public void onCaptured(PaymentCaptured captured) {
    log.add("PaymentAuditor got PaymentCaptured#" + captured.orderId());
  }
}
