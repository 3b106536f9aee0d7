package com.acme.shop.billing;

import com.google.common.eventbus.SubscriberExceptionContext;
import com.google.common.eventbus.SubscriberExceptionHandler;
import java.util.List;

/** Records subscriber failures instead of letting the bus log and forget them. */
public final class PaymentErrorHandler implements SubscriberExceptionHandler {

  private final List<String> log;

  public PaymentErrorHandler(List<String> log) {
    this.log = log;
  }

  @Override
  public void handleException(Throwable exception, SubscriberExceptionContext context) {
    log.add(
        "PaymentErrorHandler caught \""
            + exception.getMessage()
            + "\" from "
            + context.getSubscriber().getClass().getSimpleName()
            + "."
            + context.getSubscriberMethod().getName()
            + " on "
            + context.getEvent());
  }
}
