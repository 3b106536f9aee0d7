package dev.eventbus.core.internal.registry;

import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.EventHandler;
import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.SubscriptionId;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.core.internal.subscriber.RegisteredSubscriber;
import dev.eventbus.core.spi.DeliveryCallback;
import dev.eventbus.core.spi.DeliveryOutcome;
import dev.eventbus.core.spi.EventProcessor;
import dev.eventbus.core.spi.HandlerInvoker;
import dev.eventbus.core.spi.Subscriber;

/** Subscribers for unit tests of the engine's parts. */
public final class TestSubscribers {

  private TestSubscribers() {}

  /** A processor that runs the handler inline through {@code invoker}. */
  public static EventProcessor inline(HandlerInvoker invoker) {
    return new EventProcessor() {
      @Override
      public ProcessingMode mode() {
        return ProcessingMode.SYNC;
      }

      @Override
      public DeliveryOutcome deliver(
          Subscriber subscriber, Object event, int shard, DeliveryCallback callback) {
        return invoker.invoke(subscriber, event);
      }
    };
  }

  /** A processor for subscribers that are never delivered to (registry tests). */
  public static EventProcessor neverDelivers() {
    return new EventProcessor() {
      @Override
      public ProcessingMode mode() {
        return ProcessingMode.SYNC;
      }

      @Override
      public DeliveryOutcome deliver(
          Subscriber subscriber, Object event, int shard, DeliveryCallback callback) {
        throw new AssertionError("no delivery expected in this test");
      }
    };
  }

  /** A subscriber with the given id, priority, handler and retry policy. */
  public static RegisteredSubscriber subscriber(
      long id, int priority, EventHandler<Object> handler, RetryPolicy retry, EventProcessor p) {
    return new RegisteredSubscriber(
        new SubscriptionId(id),
        "test",
        handler,
        SubscriptionOptions.builder()
            .name("handler-" + id)
            .priority(priority)
            .retryPolicy(retry)
            .overflowPolicy(OverflowPolicy.FAIL)
            .batchSize(1)
            .build(),
        ProcessingMode.SYNC,
        p,
        EventBusConfig::defaults,
        self -> {});
  }
}
