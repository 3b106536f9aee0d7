package dev.eventbus.processors;

import dev.eventbus.api.BatchEventHandler;
import dev.eventbus.api.BatchTuning;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.SubscriptionId;
import dev.eventbus.api.config.BatchConfig;
import dev.eventbus.api.config.EventBusConfig;
import dev.eventbus.core.spi.DeliveryCallback;
import dev.eventbus.core.spi.DeliveryOutcome;
import dev.eventbus.core.spi.EventProcessor;
import dev.eventbus.core.spi.ProcessorContext;
import dev.eventbus.core.spi.Subscriber;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
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
 * SmartBatchingStrategy} moves it (and the interval) with the load, and {@link #tuning} shows its
 * decision. At most {@code async.queueSize} events of a subscription wait; past that its overflow
 * policy applies.
 *
 * <p>One instance per bus. Thread-safe.
 *
 * @since 0.1
 */
public final class BatchProcessor implements EventProcessor {

  private final OwnedScheduler scheduler;
  private final ConcurrentMap<SubscriptionId, BatchAccumulator> accumulators =
      new ConcurrentHashMap<>();
  // Set by start(), which happens-before every deliver() (see SyncProcessor).
  private @Nullable ProcessorContext context;
  // Guarded by this: set by stop() under the lock that makes accumulators, so none escapes it.
  private boolean stopped;

  /** A batch processor with a parallel Reactor scheduler of its own. */
  public BatchProcessor() {
    this.scheduler = new OwnedScheduler(null, BatchProcessor::newScheduler);
  }

  /** A batch processor running on {@code scheduler}, which the caller owns. */
  public BatchProcessor(Scheduler scheduler) {
    this.scheduler =
        new OwnedScheduler(
            Objects.requireNonNull(scheduler, "scheduler"), BatchProcessor::newScheduler);
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
    BatchAccumulator accumulator = accumulators.get(subscriber.id());
    if (accumulator == null) {
      accumulator = accumulatorOf(subscriber, started);
      if (accumulator == null) {
        if (!subscriber.isActive()) {
          // Closed while this publish was on its way: the subscriber asked for no more events.
          return DeliveryOutcome.Status.DROPPED;
        }
        // A publish that passed the bus's running check before stop() and arrives after it.
        started.reportDrop(subscriber, event, "bus stopped");
        return DeliveryOutcome.Status.DROPPED;
      }
    }
    return accumulator.add(
        event, callback, subscriber.overflowPolicy(), started.config().async().blockTimeout());
  }

  /**
   * The subscriber's accumulator, made on its first event; {@code null} once the processor has
   * stopped or the subscription was closed. Made under the lock {@link #stop} takes its list under,
   * so that every accumulator is either stopped with the others or never made: one made after the
   * stop would hold its events forever, since its timer's scheduler is disposed. {@link
   * #unsubscribed} retires under the same lock, so none is made for a closed subscription.
   */
  private synchronized @Nullable BatchAccumulator accumulatorOf(
      Subscriber subscriber, ProcessorContext started) {
    if (stopped || !subscriber.isActive()) {
      return null;
    }
    return accumulators.computeIfAbsent(subscriber.id(), id -> accumulatorFor(subscriber, started));
  }

  private BatchAccumulator accumulatorFor(Subscriber subscriber, ProcessorContext started) {
    Scheduler running = scheduler.get();
    OrderedLane lane =
        new OrderedLane(
            "batch-" + subscriber.id(), Integer.MAX_VALUE, running.createWorker(), started);
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
  public synchronized void unsubscribed(Subscriber subscriber) {
    SubscriptionId id = subscriber.id();
    BatchAccumulator accumulator = accumulators.get(id);
    if (accumulator != null) {
      accumulator.retire(() -> accumulators.remove(id, accumulator));
    }
  }

  /** Subscriptions whose accumulator is kept (for tests: closed ones leave once retired). */
  int subscriptionsKept() {
    return accumulators.size();
  }

  @Override
  public void reconfigured(EventBusConfig next) {
    for (BatchAccumulator accumulator : accumulators.values()) {
      accumulator.reconfigure(next.batch());
    }
  }

  @Override
  public List<BatchTuning> batchTuning() {
    List<BatchTuning> tunings = new ArrayList<>();
    for (BatchAccumulator accumulator : accumulators.values()) {
      tunings.add(accumulator.tuning());
    }
    return tunings;
  }

  /** The batch size and interval a subscription uses now, if it has received events. */
  public Optional<SmartBatchingStrategy.Decision> tuning(SubscriptionId id) {
    BatchAccumulator accumulator = accumulators.get(id);
    return accumulator == null ? Optional.empty() : Optional.of(accumulator.decision());
  }

  /** Events collected or flushed and not finished, over all subscriptions. */
  public int queued() {
    int total = 0;
    for (BatchAccumulator accumulator : accumulators.values()) {
      total += accumulator.queued();
    }
    return total;
  }

  @Override
  public StopResult stop(long deadlineNanos) {
    List<BatchAccumulator> all;
    synchronized (this) {
      stopped = true;
      all = List.copyOf(accumulators.values());
    }
    StopResult result = Drainable.stopAll(all, deadlineNanos);
    scheduler.stop();
    return result;
  }

  @Override
  public String toString() {
    return "BatchProcessor{subscriptions=" + accumulators.size() + ", queued=" + queued() + '}';
  }
}
