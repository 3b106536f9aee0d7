package dev.eventbus.compat.guava;

import dev.eventbus.api.EventHandler;
import dev.eventbus.core.annotation.SubscriberMethod;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * One {@link Subscribe} method of one registered object, as a unified-bus handler: calls the method
 * one event at a time unless it allows concurrent events, on the posting thread or on the async
 * bus's executor. What the method throws leaves {@link #handle} wrapped in a {@link Failure} that
 * names this subscriber, so the bus can build the {@link SubscriberExceptionContext}.
 */
final class GuavaSubscriber implements EventHandler<Object> {

  private final EventBus eventBus;
  private final Object target;
  private final SubscriberMethod<Subscribe> method;
  private final EventHandler<Object> invoker;
  private final boolean concurrent;
  private final @Nullable Executor executor;

  GuavaSubscriber(
      EventBus eventBus,
      Object target,
      SubscriberMethod<Subscribe> method,
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

  EventBus eventBus() {
    return eventBus;
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
      throw new Failure(this, thrown);
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
    return method.handlerName();
  }

  @Override
  public String toString() {
    return method.handlerName();
  }

  /** Carries a subscriber's exception through the unified bus to {@link EventBus}. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // Never serialized: it lives for one delivery.
    private final transient GuavaSubscriber subscriber;

    Failure(GuavaSubscriber subscriber, Throwable cause) {
      super(subscriber.name() + " threw " + cause, cause, false, false);
      this.subscriber = subscriber;
    }

    GuavaSubscriber subscriber() {
      return subscriber;
    }

    @Override
    public synchronized Throwable getCause() {
      Throwable cause = super.getCause();
      return cause == null ? this : cause;
    }
  }
}
