package dev.eventbus.processors;

import dev.eventbus.api.BatchConfig;
import dev.eventbus.api.BatchTuning;
import dev.eventbus.api.EventBusOverloadedException;
import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.SubscriptionId;
import dev.eventbus.api.spi.ContextPropagator;
import dev.eventbus.core.spi.DeliveryCallback;
import dev.eventbus.core.spi.DeliveryOutcome;
import dev.eventbus.core.spi.EventProcessor;
import dev.eventbus.core.spi.ProcessorContext;
import dev.eventbus.core.spi.Subscriber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * Collects one subscriber's events into batches and hands each full batch (or, after the interval,
 * each partial one) to the subscriber's {@link OrderedLane}, so batches run one at a time in order.
 * At most {@code capacity} events wait, collected or flushed; past that the subscriber's overflow
 * policy applies. With a {@link SmartBatchingStrategy} the size and interval follow the load.
 * Thread-safe.
 */
final class BatchAccumulator implements Drainable, SubscriptionStates.Retirable {

  private final Subscriber subscriber;
  private final OrderedLane lane;
  private final Scheduler.Worker timer;
  private final ProcessorContext context;
  private final int capacity;
  private @Nullable SmartBatchingStrategy strategy;
  private final UnaryOperator<Task> decorate;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notFull = lock.newCondition();
  private List<BatchTask.Item> buffer = new ArrayList<>();
  private int inLane;
  // buffer.size() + inLane, written under the lock whenever either changes; read without it.
  private volatile int waiting;
  private int batchSize;
  private Duration interval;
  private @Nullable Disposable scheduledFlush;
  private boolean closed;
  private long arrivals;
  private long arrivalsSinceNanos = System.nanoTime();

  BatchAccumulator(
      Subscriber subscriber,
      OrderedLane lane,
      Scheduler.Worker timer,
      ProcessorContext context,
      int capacity) {
    this(subscriber, lane, timer, context, capacity, UnaryOperator.identity());
  }

  /**
   * @param decorate applied to each flushed batch before it is queued (the adaptive processor times
   *     them)
   */
  BatchAccumulator(
      Subscriber subscriber,
      OrderedLane lane,
      Scheduler.Worker timer,
      ProcessorContext context,
      int capacity,
      UnaryOperator<Task> decorate) {
    this.decorate = decorate;
    this.subscriber = subscriber;
    this.lane = lane;
    this.timer = timer;
    this.context = context;
    this.capacity = capacity;
    BatchConfig config = context.config().batch();
    this.batchSize = subscriber.batchSize();
    this.interval = config.batchInterval();
    this.strategy =
        config.adaptiveBatching()
            ? new SmartBatchingStrategy(config, subscriber.batchSize())
            : null;
    if (strategy != null) {
      this.batchSize = strategy.current().batchSize();
    }
  }

  /**
   * Adds an event to the current batch.
   *
   * @return {@code PENDING}, or {@code DROPPED} if the overflow policy dropped it
   * @throws EventBusOverloadedException for {@code FAIL}, or {@code BLOCK} after {@code
   *     blockTimeout}
   */
  DeliveryOutcome add(
      Object event, DeliveryCallback callback, OverflowPolicy policy, Duration blockTimeout) {
    BatchTask.Item evicted = null;
    lock.lock();
    try {
      long waitNanos = blockTimeout.toNanos();
      while (!closed && buffer.size() + inLane >= capacity) {
        if (policy == OverflowPolicy.DROP_OLDEST && !buffer.isEmpty()) {
          evicted = buffer.remove(0);
          break;
        }
        if (policy == OverflowPolicy.DROP_NEWEST || policy == OverflowPolicy.DROP_OLDEST) {
          context.reportDrop(subscriber, event, "batch queue full (" + policy + ")");
          return DeliveryOutcome.Status.DROPPED;
        }
        if (policy == OverflowPolicy.FAIL || waitNanos <= 0) {
          context.reportDrop(subscriber, event, "batch queue full (" + policy + ")");
          throw new EventBusOverloadedException(
              "batch queue of "
                  + subscriber
                  + " is full ("
                  + capacity
                  + " events) and its overflow policy is "
                  + policy
                  + (policy == OverflowPolicy.BLOCK ? " for " + blockTimeout : ""));
        }
        try {
          waitNanos = notFull.awaitNanos(waitNanos);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          waitNanos = 0;
        }
      }
      if (closed) {
        context.reportDrop(subscriber, event, "bus stopped");
        return DeliveryOutcome.Status.DROPPED;
      }
      arrivals++;
      ContextPropagator propagator = context.contextPropagator();
      buffer.add(
          new BatchTask.Item(
              event,
              callback,
              System.nanoTime(),
              propagator == null ? null : propagator.capture()));
      if (buffer.size() >= batchSize) {
        // Queued under the lock: a timer flush racing this one must not overtake it.
        lane.offerUnbounded(takeBatch(true));
      } else if (buffer.size() == 1) {
        scheduleFlush();
      }
    } finally {
      waiting = buffer.size() + inLane;
      lock.unlock();
    }
    if (evicted != null && evicted.settleEvicted(subscriber)) {
      context.reportDrop(subscriber, evicted.event, "batch queue full (DROP_OLDEST)");
    }
    return DeliveryOutcome.Status.PENDING;
  }

  private void scheduleFlush() {
    try {
      scheduledFlush = timer.schedule(this::flushNow, interval.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException stopped) {
      // stop() flushes what is collected.
    }
  }

  /** Hands whatever is collected to the lane now. */
  void flushNow() {
    lock.lock();
    try {
      if (!buffer.isEmpty()) {
        // Under the lock, so batches reach the lane in the order they were taken.
        lane.offerUnbounded(takeBatch(false));
      }
    } finally {
      lock.unlock();
    }
  }

  private Task takeBatch(boolean filledUp) {
    List<BatchTask.Item> items = buffer;
    buffer = new ArrayList<>(batchSize);
    inLane += items.size();
    if (scheduledFlush != null) {
      scheduledFlush.dispose();
      scheduledFlush = null;
    }
    int size = items.size();
    // Under the lock: batch sizes of one subscriber are recorded by one thread at a time.
    context.batchFlushed(subscriber, size);
    return decorate.apply(
        new BatchTask(
            subscriber,
            items,
            oldest -> finished(size, filledUp, oldest),
            context.contextPropagator()));
  }

  private void finished(int size, boolean filledUp, long oldestEnqueuedNanos) {
    long now = System.nanoTime();
    lock.lock();
    try {
      inLane -= size;
      waiting = buffer.size() + inLane;
      notFull.signalAll();
      if (strategy != null) {
        double seconds = Math.max(1e-9, (now - arrivalsSinceNanos) / 1e9);
        BatchTuning decision =
            strategy.observe(size, filledUp, now - oldestEnqueuedNanos, arrivals / seconds);
        arrivals = 0;
        arrivalsSinceNanos = now;
        batchSize = decision.batchSize();
        interval = decision.interval();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Applies a new batch configuration: bounds, interval and whether the size adapts. An adapting
   * size continues from where it is, within the new bounds.
   */
  void reconfigure(BatchConfig config) {
    lock.lock();
    try {
      interval = config.batchInterval();
      if (config.adaptiveBatching()) {
        strategy = new SmartBatchingStrategy(config, batchSize);
        batchSize = strategy.current().batchSize();
      } else {
        strategy = null;
        batchSize = subscriber.batchSize();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Events collected or flushed and not finished; read without the lock. */
  int queued() {
    return waiting;
  }

  /** The subscription this accumulator collects for. */
  SubscriptionId subscriptionId() {
    return subscriber.id();
  }

  /** The batch size and interval in use now. */
  BatchTuning tuning() {
    lock.lock();
    try {
      return strategy != null ? strategy.current() : new BatchTuning(batchSize, interval, 0);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long completed() {
    return lane.completed();
  }

  /**
   * Refuses new events and hands what is collected to the lane, both under the lock: an event added
   * between a flush and the refusal would otherwise wait for a timer that is about to be disposed.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      notFull.signalAll();
      if (!buffer.isEmpty()) {
        lane.offerUnbounded(takeBatch(false));
      }
    } finally {
      lock.unlock();
    }
    timer.dispose();
    lane.close();
  }

  /**
   * For a closed subscription: flushes and refuses as {@link #close} does, then retires the lane,
   * which runs {@code onRetired} once it has settled what it holds.
   */
  @Override
  public void retire(Runnable onRetired) {
    close();
    lane.retire(onRetired);
  }

  @Override
  public EventProcessor.StopResult stop(long deadlineNanos, long completedBefore) {
    close();
    return lane.stop(deadlineNanos, completedBefore);
  }
}
