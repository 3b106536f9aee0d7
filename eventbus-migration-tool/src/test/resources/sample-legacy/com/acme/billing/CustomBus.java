package com.acme.billing;

import com.google.common.eventbus.SubscriberExceptionContext;
import com.google.common.eventbus.SubscriberExceptionHandler;

class CustomBus extends com.google.common.eventbus.EventBus {
  static final class Handler implements SubscriberExceptionHandler {
    @Override
    public void handleException(Throwable exception, SubscriberExceptionContext context) {}
  }
}
