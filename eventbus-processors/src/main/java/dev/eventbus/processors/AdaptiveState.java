package dev.eventbus.processors;

import dev.eventbus.api.AdaptiveChoice;
import dev.eventbus.api.BatchEventHandler;
import dev.eventbus.api.BatchTuning;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.SubscriptionId;
import dev.eventbus.api.spi.ContextPropagator;
import dev.eventbus.core.spi.DeliveryCallback;
import dev.eventbus.core.spi.DeliveryOutcome;
import dev.eventbus.core.spi.EventProcessor;
import dev.eventbus.core.spi.ProcessorContext;
import dev.eventbus.core.spi.Subscriber;
import java.util.function.LongSupplier;
import reactor.core.scheduler.Scheduler;

/**
 * One adaptive subscription: its lane, its batch accumulator over that lane, its measures and its
 * current mode. Thread-safe.
 */
final class AdaptiveState implements Drainable, SubscriptionStates.Retirable {

  private final Subscriber subscriber;
  private final ProcessorContext context;
  private final OrderedLane lane;
  private final BatchAccumulator batches;
  private final AdaptiveModeSelector selector;
  private final LongSupplier nanoTime;
  private volatile ProcessingMode mode = ProcessingMode.SYNC;
  private long windowStart;
  private long arrivals;
  private long latencyNanos;
  private long timedDeliveries;

  AdaptiveState(
      Subscriber subscriber,
      ProcessorContext context,
      Scheduler.Worker laneWorker,
      Scheduler.Worker timer,
      LongSupplier nanoTime) {
    this.subscriber = subscriber;
    this.context = context;
    this.nanoTime = nanoTime;
    int capacity = context.config().async().queueSize();
    this.lane = new OrderedLane("adaptive-" + subscriber.id(), capacity, laneWorker, context);
    this.batches =
        new BatchAccumulator(
            subscriber,
            lane,
            timer,
            context,
            capacity,
            task -> new TimedTask(task, nanoTime, this::took));
    this.selector =
        new AdaptiveModeSelector(
            () -> context.config().adaptive(),
            subscriber.handler().supportsAsync(),
            subscriber.handler() instanceof BatchEventHandler<?>);
    this.windowStart = nanoTime.getAsLong();
  }

  ProcessingMode mode() {
    return mode;
  }

  DeliveryOutcome deliver(Object event, DeliveryCallback callback) {
    ProcessingMode now = arrive();
    if (now == ProcessingMode.BATCH) {
      return batches.add(
          event, callback, subscriber.overflowPolicy(), context.config().async().blockTimeout());
    }
    if (now == ProcessingMode.SYNC && lane.isIdle() && batches.queued() == 0) {
      long start = nanoTime.getAsLong();
      DeliveryOutcome outcome = context.invoker().invoke(subscriber, event);
      took(nanoTime.getAsLong() - start, 1);
      return outcome;
    }
    // ASYNC, or SYNC while earlier events of this subscription are still queued: keep the order.
    return lane.offer(
        timedDelivery(event, callback),
        subscriber.overflowPolicy(),
        context.config().async().blockTimeout());
  }

  /**
   * A queued delivery whose handler time is measured from the start of its turn to its outcome,
   * before the outcome is passed on: whoever learns the outcome finds the measure already taken.
   */
  private Task timedDelivery(Object event, DeliveryCallback callback) {
    long[] startedAt = new long[1];
    DeliveryCallback timed =
        (target, delivered, outcome) -> {
          if (outcome != DeliveryOutcome.Status.DROPPED) {
            took(nanoTime.getAsLong() - startedAt[0], 1);
          }
          callback.completed(target, delivered, outcome);
        };
    Task task =
        new TimedTask(
            new DeliveryTask(subscriber, event, 1, timed),
            nanoTime,
            (nanos, deliveries) -> {},
            started -> startedAt[0] = started);
    ContextPropagator propagator = context.contextPropagator();
    if (propagator != null) {
      task.context = propagator.capture(); // restored by the lane around the whole timed task
    }
    return task;
  }

  private synchronized ProcessingMode arrive() {
    long now = nanoTime.getAsLong();
    arrivals++;
    long elapsed = now - windowStart;
    if (elapsed >= context.config().adaptive().window().toNanos()) {
      double rate = arrivals * 1e9 / elapsed;
      double latency = timedDeliveries == 0 ? -1 : (double) latencyNanos / timedDeliveries;
      ProcessingMode before = mode;
      ProcessingMode after = selector.evaluate(rate, latency);
      windowStart = now;
      arrivals = 0;
      latencyNanos = 0;
      timedDeliveries = 0;
      if (after != before) {
        if (before == ProcessingMode.BATCH) {
          // The open batch goes into the lane first, so later events queue behind it.
          batches.flushNow();
        }
        mode = after;
      }
    }
    return mode;
  }

  private synchronized void took(long nanos, int deliveries) {
    latencyNanos += nanos;
    timedDeliveries += deliveries;
  }

  /** What it runs as now, and why. */
  synchronized AdaptiveChoice choice() {
    return new AdaptiveChoice(mode, selector.switches(), selector.reason());
  }

  BatchTuning batchTuning() {
    return batches.tuning();
  }

  SubscriptionId subscriptionId() {
    return subscriber.id();
  }

  /** For a closed subscription: see {@link BatchAccumulator#retire}. */
  @Override
  public void retire(Runnable onRetired) {
    batches.retire(onRetired);
  }

  @Override
  public long completed() {
    return batches.completed();
  }

  @Override
  public void close() {
    batches.close();
  }

  @Override
  public EventProcessor.StopResult stop(long deadlineNanos, long completedBefore) {
    return batches.stop(deadlineNanos, completedBefore);
  }
}
