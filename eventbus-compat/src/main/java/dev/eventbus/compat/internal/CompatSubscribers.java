package dev.eventbus.compat.internal;

import dev.eventbus.api.EventHandler;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.compat.guava.AllowConcurrentEvents;
import dev.eventbus.compat.guava.Subscribe;
import dev.eventbus.core.internal.annotation.ForeignSubscribers;
import dev.eventbus.core.internal.annotation.SubscriberMethod;
import dev.eventbus.core.internal.annotation.SubscriberMethodScanner;
import java.util.ArrayList;
import java.util.List;

/**
 * The safety net of a half-migrated code base, native side: {@link
 * UnifiedEventBus#register(Object)} also subscribes the methods that carry the Guava-compatible
 * {@link Subscribe} of eventbus-compat (and not the native one, whose path subscribes them). Each
 * runs as a Guava subscriber would: on the publishing thread ({@code SYNC}), without retries, one
 * event at a time unless it has {@link AllowConcurrentEvents}. What it throws goes to the unified
 * bus's exception handler.
 *
 * <p>Installed with {@link java.util.ServiceLoader} ({@code provides} in the module descriptor,
 * {@code META-INF/services} on the class path); not API.
 */
public final class CompatSubscribers implements ForeignSubscribers {

  private static final SubscriberMethodScanner<Subscribe> SCANNER =
      SubscriberMethodScanner.of(Subscribe.class);

  /** For {@link java.util.ServiceLoader}. */
  public CompatSubscribers() {}

  @Override
  public List<Subscription> subscribe(UnifiedEventBus bus, Object listener) {
    List<Subscription> made = new ArrayList<>();
    try {
      for (SubscriberMethod<Subscribe> method : SCANNER.scan(listener.getClass())) {
        if (method.method().isAnnotationPresent(dev.eventbus.api.Subscribe.class)) {
          continue; // the native path's
        }
        EventHandler<Object> handler =
            serialisedUnlessConcurrent(
                method.bind(listener),
                method.method().isAnnotationPresent(AllowConcurrentEvents.class));
        made.add(
            subscribeByClass(
                bus,
                method.parameterType(),
                handler,
                SubscriptionOptions.builder()
                    .mode(ProcessingMode.SYNC)
                    .retryPolicy(RetryPolicy.none())
                    .name(method.subscriptionName())
                    .build()));
      }
    } catch (RuntimeException | Error failed) {
      made.forEach(Subscription::close);
      throw failed;
    }
    return made;
  }

  private static EventHandler<Object> serialisedUnlessConcurrent(
      EventHandler<Object> handler, boolean concurrent) {
    if (concurrent) {
      return handler;
    }
    return new EventHandler<>() {
      @Override
      public synchronized void handle(Object event) throws Exception {
        handler.handle(event);
      }

      @Override
      public String name() {
        return handler.name();
      }
    };
  }

  private static <E> Subscription subscribeByClass(
      UnifiedEventBus bus,
      Class<E> eventClass,
      EventHandler<Object> handler,
      SubscriptionOptions options) {
    return bus.subscribe(eventClass, handler, options);
  }
}
