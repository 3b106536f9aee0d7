package dev.eventbus.processors;

import dev.eventbus.api.BatchConfig;
import dev.eventbus.api.BatchEventHandler;
import dev.eventbus.api.BatchTuning;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.SubscriptionId;
import dev.eventbus.core.spi.DeliveryCallback;
import dev.eventbus.core.spi.DeliveryOutcome;
import dev.eventbus.core.spi.EventProcessor;
import dev.eventbus.core.spi.ProcessorContext;
import dev.eventbus.core.spi.Subscriber;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * {@link ProcessingMode#BATCH}: each subscription collects its events into batches that flush when
 * they reach the batch size or when the oldest has waited {@link BatchConfig#batchInterval()}. A
 * {@link BatchEventHandler} gets each batch in one call; other handlers get its events one by one.
 * Batches of one subscription run one at a time, in order, on a Reactor worker, so each
 * subscription sees its events in publish order.
 *
 * <p>The batch size is the subscription's {@code batchSize} option, else {@link
 * BatchConfig#defaultBatchSize()}; with {@link BatchConfig#adaptiveBatching()} a {@link
 * SmartBatchingStrategy} moves it (and the interval) with the load, and {@link #batchTuning} shows
 * its decision. At most {@code async.queueSize} events of a subscription wait; past that its
 * overflow policy applies. A subscription with {@link
 * dev.eventbus.api.SubscriptionOptions#ownLanes() ownLanes} runs its batches on a thread of its own
 * while busy.
 *
 * <p>One instance per bus. Thread-safe.
 */
final class BatchProcessor implements EventProcessor {

  private final OwnedScheduler scheduler;
  private final OwnLaneThreads ownLaneThreads;
  private final SubscriptionStates<BatchAccumulator> accumulators =
      new SubscriptionStates<>(this::accumulatorFor);
  private final Drainable.Stopping stopping = new Drainable.Stopping(() -> accumulators.stop());
  // Set by start(), which happens-before every deliver() (the bus publishes RUNNING after it).
  private @Nullable ProcessorContext context;

  /**
   * @param scheduler the scheduler to run on, which the caller owns, or {@code null} for a parallel
   *     one of the processor's own
   */
  BatchProcessor(@Nullable Scheduler scheduler) {
    this.scheduler = new OwnedScheduler(scheduler, BatchProcessor::newScheduler);
    this.ownLaneThreads = new OwnLaneThreads(scheduler, "eventbus-batch-own-lane");
  }

  private static Scheduler newScheduler() {
    return Schedulers.newParallel(
        "eventbus-batch", Runtime.getRuntime().availableProcessors(), true);
  }

  @Override
  public ProcessingMode mode() {
    return ProcessingMode.BATCH;
  }

  @Override
  public void start(ProcessorContext processorContext) {
    scheduler.start();
    this.context = processorContext;
  }

  @Override
  public DeliveryOutcome deliver(
      Subscriber subscriber, Object event, int shard, DeliveryCallback callback) {
    ProcessorContext started = Objects.requireNonNull(context);
    BatchAccumulator accumulator = accumulators.of(subscriber);
    if (accumulator == null) {
      return SubscriptionStates.refused(subscriber, event, started);
    }
    return accumulator.add(
        event, callback, subscriber.overflowPolicy(), started.config().async().blockTimeout());
  }

  private BatchAccumulator accumulatorFor(Subscriber subscriber) {
    ProcessorContext started = Objects.requireNonNull(context);
    Scheduler running = scheduler.get();
    // With ownLanes, what the handler waits for holds only this subscription's batches, never
    // another's sharing the lane's thread; the timer's flushes stay on the shared threads.
    Scheduler laneThreads = subscriber.ownLanes() ? ownLaneThreads.get() : running;
    OrderedLane lane =
        new OrderedLane(
            "batch-" + subscriber.id(), Integer.MAX_VALUE, laneThreads.createWorker(), started);
    return new BatchAccumulator(
        subscriber, lane, running.createWorker(), started, started.config().async().queueSize());
  }

  /**
   * Flushes the closed subscription's collected events (the batch task sees the subscriber inactive
   * and settles them without running them) and retires its accumulator: once its lane has settled
   * what it holds, the lane's and the timer's workers are disposed and the accumulator is
   * forgotten. Until then {@link #stop} still waits for it.
   */
  @Override
  public void unsubscribed(Subscriber subscriber) {
    accumulators.retire(subscriber.id());
  }

  /** Subscriptions whose accumulator is kept (for tests: closed ones leave once retired). */
  int subscriptionsKept() {
    return accumulators.size();
  }

  @Override
  public void reconfigured(EventBusConfig next) {
    for (BatchAccumulator accumulator : accumulators.all()) {
      accumulator.reconfigure(next.batch());
    }
  }

  @Override
  public Map<SubscriptionId, BatchTuning> batchTuning() {
    Map<SubscriptionId, BatchTuning> tunings = new LinkedHashMap<>();
    for (BatchAccumulator accumulator : accumulators.all()) {
      tunings.put(accumulator.subscriptionId(), accumulator.tuning());
    }
    return tunings;
  }

  /** Events collected or flushed and not finished, over all subscriptions. */
  int queued() {
    int total = 0;
    for (BatchAccumulator accumulator : accumulators.all()) {
      total += accumulator.queued();
    }
    return total;
  }

  @Override
  public void beginStop() {
    stopping.begin();
  }

  @Override
  public StopResult stop(long deadlineNanos) {
    StopResult result = stopping.finish(deadlineNanos);
    scheduler.stop();
    ownLaneThreads.stop();
    return result;
  }

  @Override
  public String toString() {
    return "BatchProcessor{subscriptions=" + accumulators.size() + ", queued=" + queued() + '}';
  }
}
