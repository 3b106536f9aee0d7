package dev.eventbus.compat.guava;

import dev.eventbus.api.EventHandler;
import dev.eventbus.core.internal.annotation.SubscriberMethod;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * One {@link Subscribe} method (or native {@link dev.eventbus.api.Subscribe} method) of one
 * registered object, as a unified-bus handler: calls the method one event at a time unless it
 * allows concurrent events, on the posting thread or on the async bus's executor. What the method
 * throws (and an executor's refusal to run it) goes straight to the Guava bus's {@link
 * SubscriberExceptionHandler} with its {@link SubscriberExceptionContext}, so {@link #handle} never
 * fails on the unified bus (only a {@link VirtualMachineError} leaves it): the mapping works on any
 * engine, whoever owns its exception handler.
 */
final class GuavaSubscriber implements EventHandler<Object> {

  private final EventBus eventBus;
  private final Object target;
  private final SubscriberMethod<?> method;
  private final EventHandler<Object> invoker;
  private final boolean concurrent;
  private final @Nullable Executor executor;

  GuavaSubscriber(
      EventBus eventBus,
      Object target,
      SubscriberMethod<?> method,
      EventHandler<Object> invoker,
      boolean concurrent,
      @Nullable Executor executor) {
    this.eventBus = eventBus;
    this.target = target;
    this.method = method;
    this.invoker = invoker;
    this.concurrent = concurrent;
    this.executor = executor;
  }

  SubscriberExceptionContext context(Object event) {
    return new SubscriberExceptionContext(eventBus, event, target, method.method());
  }

  @Override
  public void handle(Object event) {
    try {
      if (executor == null) {
        invoke(event);
      } else {
        executor.execute(() -> invokeAndReport(event));
      }
    } catch (VirtualMachineError fatal) {
      throw fatal;
    } catch (Throwable thrown) {
      eventBus.handleSubscriberException(thrown, context(event));
    }
  }

  private void invokeAndReport(Object event) {
    try {
      invoke(event);
    } catch (VirtualMachineError fatal) {
      throw fatal;
    } catch (Throwable thrown) {
      eventBus.handleSubscriberException(thrown, context(event));
    }
  }

  private void invoke(Object event) throws Exception {
    if (concurrent) {
      invoker.handle(event);
    } else {
      synchronized (this) {
        invoker.handle(event);
      }
    }
  }

  @Override
  public String name() {
    return method.subscriptionName();
  }

  @Override
  public String toString() {
    return method.subscriptionName();
  }
}
