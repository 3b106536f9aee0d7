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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
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
  private static final int SAMPLES_PER_WINDOW = 64;
  // At most one publish in 256 measured: after a flood, a subscription whose rate falls to 100
  // events/s is measured again within about 2.5 s (its next sample ends the window and brings the
  // period back down).
  private static final int MAX_SAMPLE_PERIOD = 256;
  // SYNC publishes are measured one in (sampleMask + 1), picked at random, each standing for that
  // many: the rest read no clock and touch no shared counter, so ADAPTIVE in SYNC costs what SYNC
  // does. 0 measures every publish. The period is at least the configured one (minSampleMask + 1)
  // and grows with the rate, so that a window holds about SAMPLES_PER_WINDOW samples: at millions
  // of events per second one in 16 still read the clock 250,000 times a second (a tenth of the
  // publisher's time on a cheap handler, by a profile of the cheap flood), while a window needs
  // only enough samples to tell rates an order of magnitude apart.
  private final int minSampleMask;
  private volatile int sampleMask;
  private volatile ProcessingMode mode = ProcessingMode.SYNC;
  // The measures are counted without a lock; one publisher at a time, the one that finds the window
  // over and gets the lock, reads and resets them and asks the selector (which only it touches).
  private final ReentrantLock evaluation = new ReentrantLock();
  private final LongAdder arrivals = new LongAdder();
  private final LongAdder latencyNanos = new LongAdder();
  private final LongAdder timedDeliveries = new LongAdder();
  private volatile long windowStart;

  AdaptiveState(
      Subscriber subscriber,
      ProcessorContext context,
      Scheduler.Worker laneWorker,
      Scheduler.Worker timer,
      LongSupplier nanoTime,
      int samplePeriod) {
    this.minSampleMask = samplePeriod - 1;
    this.sampleMask = minSampleMask;
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
    int weight = 1;
    if (mode == ProcessingMode.SYNC) {
      int mask = sampleMask;
      if ((ThreadLocalRandom.current().nextInt() & mask) != 0) {
        return lane.isIdle() && batches.queued() == 0
            ? context.invoker().invoke(subscriber, event)
            : queueBehind(event, callback);
      }
      weight = mask + 1;
    }
    long arrivedAt = nanoTime.getAsLong();
    ProcessingMode now = arrive(arrivedAt, weight);
    if (now == ProcessingMode.BATCH) {
      return batches.add(
          event, callback, subscriber.overflowPolicy(), context.config().async().blockTimeout());
    }
    if (now == ProcessingMode.SYNC && lane.isIdle() && batches.queued() == 0) {
      // Timed from the arrival: one clock read fewer, and what it adds is this method's own cost.
      DeliveryOutcome outcome = context.invoker().invoke(subscriber, event);
      took(nanoTime.getAsLong() - arrivedAt, 1);
      return outcome;
    }
    return queueBehind(event, callback);
  }

  /**
   * ASYNC, or SYNC while earlier events of this subscription are still queued: into the lane,
   * behind them. Events a publisher added to the batch just as the mode left BATCH go into the lane
   * first, or they would wait for the timer and run after this one.
   */
  private DeliveryOutcome queueBehind(Object event, DeliveryCallback callback) {
    if (batches.queued() != 0) {
      batches.flushNow();
    }
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

  /**
   * Counts {@code weight} arrivals at {@code now}; the publisher that ends a window evaluates it.
   */
  private ProcessingMode arrive(long now, int weight) {
    arrivals.add(weight);
    long windowNanos = context.config().adaptive().window().toNanos();
    if (now - windowStart >= windowNanos && evaluation.tryLock()) {
      try {
        long elapsed = now - windowStart;
        if (elapsed >= windowNanos) {
          evaluate(now, elapsed);
        }
      } finally {
        evaluation.unlock();
      }
    }
    return mode;
  }

  /** Under {@link #evaluation}. */
  private void evaluate(long now, long elapsed) {
    long arrived = arrivals.sumThenReset();
    double rate = arrived * 1e9 / elapsed;
    if (minSampleMask > 0) {
      sampleMask = samplePeriodFor(arrived) - 1;
    }
    long deliveries = timedDeliveries.sumThenReset();
    long nanos = latencyNanos.sumThenReset();
    double latency = deliveries == 0 ? -1 : (double) nanos / deliveries;
    ProcessingMode before = mode;
    ProcessingMode after = selector.evaluate(rate, latency);
    windowStart = now;
    if (after != before) {
      if (before == ProcessingMode.BATCH) {
        // The open batch goes into the lane first, so later events queue behind it.
        batches.flushNow();
      }
      mode = after;
    }
  }

  /**
   * The sampling period for the next window after one of {@code arrived} events: a power of two
   * that leaves about {@link #SAMPLES_PER_WINDOW} samples, within [configured, {@link
   * #MAX_SAMPLE_PERIOD}].
   */
  private int samplePeriodFor(long arrived) {
    long wanted = Math.max(1, arrived / SAMPLES_PER_WINDOW);
    int period = (int) Math.min(MAX_SAMPLE_PERIOD, Long.highestOneBit(wanted));
    return Math.max(minSampleMask + 1, period);
  }

  private void took(long nanos, int deliveries) {
    latencyNanos.add(nanos);
    timedDeliveries.add(deliveries);
  }

  /** What it runs as now, and why. */
  AdaptiveChoice choice() {
    evaluation.lock();
    try {
      return new AdaptiveChoice(mode, selector.switches(), selector.reason());
    } finally {
      evaluation.unlock();
    }
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
