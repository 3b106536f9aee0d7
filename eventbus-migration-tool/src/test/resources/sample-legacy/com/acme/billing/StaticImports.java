package com.acme.billing;

import static com.google.common.eventbus.EventBus.*;

import com.google.common.eventbus.*;
import java.util.concurrent.Executor;

class StaticImports {
  static EventBus create(Executor executor) {
    SubscriberExceptionHandler handler = (exception, context) -> {};
    return new AsyncEventBus(executor, handler);
  }
}
