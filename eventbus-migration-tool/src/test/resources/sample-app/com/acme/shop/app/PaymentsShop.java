package com.acme.shop.app;

import com.acme.shop.audit.DeadLetterAuditor;
import com.acme.shop.audit.PaymentAuditor;
import com.acme.shop.billing.PaymentCaptured;
import com.acme.shop.billing.PaymentErrorHandler;
import com.acme.shop.billing.PaymentProcessor;
import com.acme.shop.billing.PaymentRequested;
import com.acme.shop.billing.RefundRequested;
import com.acme.shop.notifications.ReceiptMailer;
import com.google.common.eventbus.AsyncEventBus;
import com.google.common.eventbus.EventBus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Wires payments: card processing, its audit trail, dead letters and mailed receipts. */
final class PaymentsShop {

  private PaymentsShop() {}

  static void run(List<String> log) {
    EventBus payments = new EventBus(new PaymentErrorHandler(log));
    payments.register(new PaymentProcessor(payments, log));
    PaymentAuditor auditor = new PaymentAuditor(log);
    payments.register(auditor);
    payments.register(new DeadLetterAuditor(log));

    payments.post(new PaymentRequested(17, 4200));
    payments.post(new PaymentRequested(18, 250_000)); // over the card limit
    payments.post(new RefundRequested(17));

    // Audit goes read-only during the nightly export; captures then have no subscriber.
    payments.unregister(auditor);
    payments.post(new PaymentCaptured(19, 500));

    mailReceipts(log);
  }

  /** Receipts go out on two worker threads; their order is not defined, so the log sorts them. */
  private static void mailReceipts(List<String> log) {
    ExecutorService mailers = Executors.newFixedThreadPool(2);
    List<String> sent = Collections.synchronizedList(new ArrayList<>());
    var receipts = new AsyncEventBus("receipts", mailers);
    receipts.register(new ReceiptMailer(sent));
    for (int orderId = 20; orderId < 24; orderId++) {
      receipts.post(new PaymentCaptured(orderId, orderId * 1000L));
    }
    mailers.shutdown();
    try {
      if (!mailers.awaitTermination(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("receipts not mailed within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while mailing receipts", e);
    }
    List<String> sorted = new ArrayList<>(sent);
    Collections.sort(sorted);
    log.addAll(sorted);
  }
}
