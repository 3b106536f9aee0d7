package dev.eventbus.processors;

import dev.eventbus.api.AdaptiveChoice;
import dev.eventbus.api.AdaptiveConfig;
import dev.eventbus.api.BatchTuning;
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
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * {@link ProcessingMode#ADAPTIVE}: each subscription runs as SYNC, ASYNC or BATCH, chosen, and
 * chosen again as the load changes, from its measured event rate and handler latency (see {@link
 * AdaptiveConfig}). A handler whose {@code supportsAsync()} is false always runs SYNC.
 *
 * <p>Order holds across a change of mode: each subscription has one ordered lane that its ASYNC
 * deliveries and BATCH batches share, leaving BATCH flushes the open batch into it, and a SYNC
 * delivery runs on the publisher's thread only when nothing of the subscription is queued
 * (otherwise it queues behind). So each subscription sees the events of one publisher in publish
 * order whatever the mode.
 *
 * <p>One instance per bus. Thread-safe.
 */
final class AdaptiveProcessor implements EventProcessor {

  /**
   * One SYNC publish in this many is measured. Two clock reads and three shared counters per
   * publish cost a cheap handler several times its own time; one in 16 keeps a 100 ms window at
   * 1,000 events/s at about six samples, enough for thresholds an order of magnitude apart.
   */
  static final int SAMPLE_PERIOD = 16;

  private final OwnedScheduler scheduler;
  private final LongSupplier nanoTime;
  private final int samplePeriod;
  private final SubscriptionStates<AdaptiveState> states = new SubscriptionStates<>(this::stateFor);
  private final Drainable.Stopping stopping = new Drainable.Stopping(() -> states.stop());
  // Set by start(), which happens-before every deliver() (the bus publishes RUNNING after it).
  private @Nullable ProcessorContext context;

  /**
   * @param scheduler the scheduler to run on, which the caller owns, or {@code null} for a parallel
   *     one of the processor's own
   * @param nanoTime the clock the measures are taken with (tests drive it)
   */
  AdaptiveProcessor(@Nullable Scheduler scheduler, LongSupplier nanoTime) {
    this(scheduler, nanoTime, SAMPLE_PERIOD);
  }

  /**
   * @param samplePeriod a power of two: while a subscription runs SYNC, one publish in this many
   *     (at random) is counted and timed, standing for all of them; 1 measures every publish
   */
  AdaptiveProcessor(@Nullable Scheduler scheduler, LongSupplier nanoTime, int samplePeriod) {
    this.scheduler =
        new OwnedScheduler(
            scheduler,
            () ->
                Schedulers.newParallel(
                    "eventbus-adaptive", Runtime.getRuntime().availableProcessors(), true));
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    if (Integer.bitCount(samplePeriod) != 1) {
      throw new IllegalArgumentException(
          "samplePeriod must be a power of two, was " + samplePeriod);
    }
    this.samplePeriod = samplePeriod;
  }

  @Override
  public ProcessingMode mode() {
    return ProcessingMode.ADAPTIVE;
  }

  @Override
  public void start(ProcessorContext processorContext) {
    scheduler.start();
    this.context = processorContext;
  }

  @Override
  public DeliveryOutcome deliver(
      Subscriber subscriber, Object event, int shard, DeliveryCallback callback) {
    AdaptiveState state = states.of(subscriber);
    if (state == null) {
      return SubscriptionStates.refused(subscriber, event, Objects.requireNonNull(context));
    }
    return state.deliver(event, callback);
  }

  private AdaptiveState stateFor(Subscriber subscriber) {
    ProcessorContext started = Objects.requireNonNull(context);
    Scheduler running = scheduler.get();
    return new AdaptiveState(
        subscriber,
        started,
        running.createWorker(),
        running.createWorker(),
        nanoTime,
        samplePeriod);
  }

  /**
   * Retires the closed subscription's state (see {@link BatchProcessor#unsubscribed}): its queued
   * events are settled without running, then its workers are disposed and the state forgotten.
   */
  @Override
  public void unsubscribed(Subscriber subscriber) {
    states.retire(subscriber.id());
  }

  /** Subscriptions whose state is kept (for tests: closed ones leave once retired). */
  int subscriptionsKept() {
    return states.size();
  }

  @Override
  public Map<SubscriptionId, BatchTuning> batchTuning() {
    Map<SubscriptionId, BatchTuning> tunings = new LinkedHashMap<>();
    for (AdaptiveState state : states.all()) {
      if (state.mode() == ProcessingMode.BATCH) {
        tunings.put(state.subscriptionId(), state.batchTuning());
      }
    }
    return tunings;
  }

  @Override
  public Map<SubscriptionId, AdaptiveChoice> adaptiveChoices() {
    Map<SubscriptionId, AdaptiveChoice> choices = new LinkedHashMap<>();
    for (AdaptiveState state : states.all()) {
      choices.put(state.subscriptionId(), state.choice());
    }
    return choices;
  }

  @Override
  public void beginStop() {
    stopping.begin();
  }

  @Override
  public StopResult stop(long deadlineNanos) {
    StopResult result = stopping.finish(deadlineNanos);
    scheduler.stop();
    return result;
  }

  @Override
  public String toString() {
    return "AdaptiveProcessor{subscriptions=" + states.size() + '}';
  }
}
