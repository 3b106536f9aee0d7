package dev.eventbus.processors;

import dev.eventbus.api.BatchEventHandler;
import dev.eventbus.api.PartialBatchFailureException;
import dev.eventbus.api.spi.ContextPropagator;
import dev.eventbus.core.spi.DeliveryCallback;
import dev.eventbus.core.spi.DeliveryOutcome;
import dev.eventbus.core.spi.HandlerInvoker;
import dev.eventbus.core.spi.ProcessorContext;
import dev.eventbus.core.spi.Subscriber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A flushed batch of events for one subscriber. A {@link BatchEventHandler} gets the whole batch in
 * one call (retried as a whole; on final failure each event fails; a {@link
 * PartialBatchFailureException} fails only the events it names); any other handler gets the events
 * one by one, each retried on its own, in order.
 */
final class BatchTask extends Task {

  /** One event of the batch and where its outcome goes. */
  static final class Item {
    final Object event;
    final DeliveryCallback callback;
    final long enqueuedNanos;
    // The publisher's context, captured when the event was added; null without a propagator.
    final @Nullable Object context;
    private final AtomicBoolean settled = new AtomicBoolean();

    Item(Object event, DeliveryCallback callback, long enqueuedNanos) {
      this(event, callback, enqueuedNanos, null);
    }

    Item(Object event, DeliveryCallback callback, long enqueuedNanos, @Nullable Object context) {
      this.event = event;
      this.callback = callback;
      this.enqueuedNanos = enqueuedNanos;
      this.context = context;
    }

    /** Settles an item evicted before it was flushed into a task. */
    boolean settleEvicted(Subscriber subscriber) {
      if (settled.compareAndSet(false, true)) {
        callback.completed(subscriber, event, DeliveryOutcome.Status.DROPPED);
        return true;
      }
      return false;
    }

    boolean settle(BatchTask task, DeliveryOutcome outcome) {
      if (claim()) {
        complete(task, outcome);
        return true;
      }
      return false;
    }

    /** Takes the right to settle this item; {@code false} if it is settled already. */
    boolean claim() {
      return settled.compareAndSet(false, true);
    }

    /** Settles an item this thread has {@linkplain #claim() claimed}. */
    void complete(BatchTask task, DeliveryOutcome outcome) {
      task.countIfRan(outcome);
      callback.completed(task.subscriber, event, outcome);
    }
  }

  /** Whether a handler class overrides {@link BatchEventHandler#beforeBatch}; looked up once. */
  private static final ClassValue<Boolean> SEES_EACH_EVENT =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          try {
            return type.getMethod("beforeBatch", Object.class).getDeclaringClass()
                != BatchEventHandler.class;
          } catch (NoSuchMethodException notABatchHandler) {
            return false;
          }
        }
      };

  private final List<Item> items;
  private final LongConsumer onFinished;
  private final @Nullable ContextPropagator propagator;
  private int next;
  private int attempts;

  /**
   * @param onFinished told, when the batch is finished, the nanoTime its oldest event was queued
   */
  BatchTask(Subscriber subscriber, List<Item> items, LongConsumer onFinished) {
    this(subscriber, items, onFinished, null);
  }

  /**
   * @param propagator restores each event's publisher context around its handler call (a batch
   *     handler runs in the context of the first event that has one); {@code null} for none
   */
  BatchTask(
      Subscriber subscriber,
      List<Item> items,
      LongConsumer onFinished,
      @Nullable ContextPropagator propagator) {
    super(subscriber, 1);
    this.items = items;
    this.onFinished = onFinished;
    this.propagator = propagator;
  }

  /** Restores {@code captured} if there is one to restore, else returns {@code null}. */
  private ContextPropagator.@Nullable Scope restore(@Nullable Object captured) {
    ContextPropagator restorer = propagator;
    return restorer == null || captured == null ? null : restorer.restore(captured);
  }

  private @Nullable Object firstContext() {
    for (Item item : items) {
      if (item.context != null) {
        return item.context;
      }
    }
    return null;
  }

  @Override
  @Nullable Duration run(HandlerInvoker invoker) {
    Duration wait =
        subscriber.handler() instanceof BatchEventHandler<?> ? runWhole(invoker) : runEach(invoker);
    if (wait == null) {
      onFinished.accept(items.get(0).enqueuedNanos);
    }
    return wait;
  }

  @SuppressWarnings("try") // the scope is only closed
  private @Nullable Duration runWhole(HandlerInvoker invoker) {
    if (!subscriber.isActive()) {
      settleRemaining(DeliveryOutcome.Status.DROPPED);
      return null;
    }
    List<Object> events = new ArrayList<>(items.size());
    for (Item item : items) {
      events.add(item.event);
    }
    attempts++;
    Throwable failure = showEachInContext((BatchEventHandler<?>) subscriber.handler());
    if (failure == null) {
      try (ContextPropagator.Scope restored = restore(firstContext())) {
        failure = invoker.attemptBatch(subscriber, Collections.unmodifiableList(events), attempts);
      }
    }
    if (failure == null) {
      settleRemaining(DeliveryOutcome.Status.DELIVERED);
      return null;
    }
    if (failure instanceof PartialBatchFailureException partial) {
      failure = settlePartly(invoker, partial);
      if (failure == null) {
        return null;
      }
    }
    Duration wait = invoker.retryDelay(subscriber, failure, attempts);
    if (wait != null) {
      return wait;
    }
    for (Item item : items) {
      // Claim each item first: one that stop() abandoned meanwhile was reported undelivered, so it
      // is neither reported as failed nor dead-lettered (as in DeliveryTask).
      if (item.claim()) {
        try (ContextPropagator.Scope restored = restore(item.context)) {
          item.complete(this, invoker.fail(subscriber, item.event, failure, attempts));
        }
      }
    }
    return null;
  }

  /**
   * Calls {@link BatchEventHandler#beforeBatch} for each event in its own context; nothing for a
   * handler that keeps the default, which would only cost a context restored per event.
   */
  @SuppressWarnings({"try", "unchecked"}) // the scope is only closed; the handler takes its events
  private @Nullable Throwable showEachInContext(BatchEventHandler<?> handler) {
    if (!SEES_EACH_EVENT.get(handler.getClass())) {
      return null;
    }
    BatchEventHandler<Object> each = (BatchEventHandler<Object>) handler;
    for (Item item : items) {
      try (ContextPropagator.Scope restored = restore(item.context)) {
        each.beforeBatch(item.event);
      } catch (Throwable failure) {
        return failure;
      }
    }
    return null;
  }

  /**
   * Fails the events the handler named, each with its own cause and never retried, and delivers the
   * others; or, if it named a position outside the batch, returns the failure of the whole batch.
   */
  @SuppressWarnings("try") // the scope is only closed
  private @Nullable Throwable settlePartly(
      HandlerInvoker invoker, PartialBatchFailureException partial) {
    Map<Integer, Throwable> failures = partial.failures();
    for (Integer position : failures.keySet()) {
      if (position >= items.size()) {
        return new IllegalArgumentException(
            "the batch handler of "
                + subscriber
                + " named event #"
                + position
                + " as failed, but its batch had "
                + items.size()
                + " event(s)",
            partial);
      }
    }
    for (int position = 0; position < items.size(); position++) {
      Item item = items.get(position);
      Throwable cause = failures.get(position);
      if (cause == null) {
        item.settle(this, DeliveryOutcome.Status.DELIVERED);
      } else if (item.claim()) { // see runWhole
        try (ContextPropagator.Scope restored = restore(item.context)) {
          item.complete(this, invoker.fail(subscriber, item.event, cause, attempts));
        }
      }
    }
    return null;
  }

  @SuppressWarnings("try") // the scope is only closed
  private @Nullable Duration runEach(HandlerInvoker invoker) {
    while (next < items.size()) {
      Item item = items.get(next);
      if (item.settled.get()) {
        next++;
        attempts = 0;
        continue;
      }
      if (!subscriber.isActive()) {
        item.settle(this, DeliveryOutcome.Status.DROPPED);
        continue;
      }
      attempts++;
      Thread.interrupted(); // as between tasks in OrderedLane: no interrupt from the previous event
      try (ContextPropagator.Scope restored = restore(item.context)) {
        Throwable failure = invoker.attempt(subscriber, item.event, attempts);
        if (failure == null) {
          item.settle(this, DeliveryOutcome.Status.DELIVERED);
          continue;
        }
        Duration wait = invoker.retryDelay(subscriber, failure, attempts);
        if (wait != null) {
          return wait;
        }
        if (item.claim()) { // see runWhole
          item.complete(this, invoker.fail(subscriber, item.event, failure, attempts));
        }
      }
    }
    return null;
  }

  private void settleRemaining(DeliveryOutcome outcome) {
    for (Item item : items) {
      item.settle(this, outcome);
    }
  }

  @Override
  int size() {
    return items.size();
  }

  @Override
  void refuse(ProcessorContext context, String reason) {
    abandon(context, reason);
  }

  @Override
  int abandon(ProcessorContext context, String reason) {
    int abandoned = 0;
    for (Item item : items) {
      if (item.settle(this, DeliveryOutcome.Status.DROPPED)) {
        context.reportDrop(subscriber, item.event, reason);
        abandoned++;
      }
    }
    return abandoned;
  }
}
