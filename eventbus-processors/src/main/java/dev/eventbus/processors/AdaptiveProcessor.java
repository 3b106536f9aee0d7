package dev.eventbus.processors;

import dev.eventbus.api.BatchTuning;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.SubscriptionId;
import dev.eventbus.api.config.AdaptiveConfig;
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
 * order whatever the mode. {@link #currentMode} shows the choice.
 *
 * <p>One instance per bus. Thread-safe.
 *
 * @since 0.1
 */
public final class AdaptiveProcessor implements EventProcessor {

  private final OwnedScheduler scheduler;
  private final LongSupplier nanoTime;
  private final ConcurrentMap<SubscriptionId, AdaptiveState> states = new ConcurrentHashMap<>();
  // Set by start(), which happens-before every deliver() (see SyncProcessor).
  private @Nullable ProcessorContext context;
  // Guarded by this: set by stop() under the lock that makes states, so none escapes it.
  private boolean stopped;

  /** An adaptive processor with a parallel Reactor scheduler of its own. */
  public AdaptiveProcessor() {
    this(null, System::nanoTime);
  }

  /** An adaptive processor running on {@code scheduler}, which the caller owns. */
  public AdaptiveProcessor(Scheduler scheduler) {
    this(Objects.requireNonNull(scheduler, "scheduler"), System::nanoTime);
  }

  /** For tests: a clock that drives the measures. */
  AdaptiveProcessor(@Nullable Scheduler scheduler, LongSupplier nanoTime) {
    this.scheduler =
        new OwnedScheduler(
            scheduler,
            () ->
                Schedulers.newParallel(
                    "eventbus-adaptive", Runtime.getRuntime().availableProcessors(), true));
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
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
    AdaptiveState state = states.get(subscriber.id());
    if (state == null) {
      state = stateOf(subscriber);
      if (state == null) {
        if (!subscriber.isActive()) {
          // Closed while this publish was on its way: the subscriber asked for no more events.
          return DeliveryOutcome.Status.DROPPED;
        }
        // A publish that passed the bus's running check before stop() and arrives after it.
        Objects.requireNonNull(context).reportDrop(subscriber, event, "bus stopped");
        return DeliveryOutcome.Status.DROPPED;
      }
    }
    return state.deliver(event, callback);
  }

  /**
   * The subscriber's state, made on its first event; {@code null} once the processor has stopped.
   * Made under the lock {@link #stop} takes its list under, so that every state is either stopped
   * with the others or never made: one made after the stop could queue into a lane nobody drains.
   */
  private synchronized @Nullable AdaptiveState stateOf(Subscriber subscriber) {
    if (stopped || !subscriber.isActive()) {
      return null;
    }
    return states.computeIfAbsent(subscriber.id(), id -> stateFor(subscriber));
  }

  private AdaptiveState stateFor(Subscriber subscriber) {
    ProcessorContext started = Objects.requireNonNull(context);
    Scheduler running = scheduler.get();
    return new AdaptiveState(
        subscriber, started, running.createWorker(), running.createWorker(), nanoTime);
  }

  /**
   * Retires the closed subscription's state (see {@link BatchProcessor#unsubscribed}): its queued
   * events are settled without running, then its workers are disposed and the state forgotten.
   */
  @Override
  public synchronized void unsubscribed(Subscriber subscriber) {
    SubscriptionId id = subscriber.id();
    AdaptiveState state = states.get(id);
    if (state != null) {
      state.retire(() -> states.remove(id, state));
    }
  }

  /** Subscriptions whose state is kept (for tests: closed ones leave once retired). */
  int subscriptionsKept() {
    return states.size();
  }

  @Override
  public List<BatchTuning> batchTuning() {
    List<BatchTuning> tunings = new ArrayList<>();
    for (AdaptiveState state : states.values()) {
      if (state.mode() == ProcessingMode.BATCH) {
        tunings.add(state.batchTuning());
      }
    }
    return tunings;
  }

  /** The mode a subscription runs in now, if it has received events. */
  public Optional<ProcessingMode> currentMode(SubscriptionId id) {
    AdaptiveState state = states.get(id);
    return state == null ? Optional.empty() : Optional.of(state.mode());
  }

  @Override
  public StopResult stop(long deadlineNanos) {
    List<AdaptiveState> all;
    synchronized (this) {
      stopped = true;
      all = List.copyOf(states.values());
    }
    StopResult result = Drainable.stopAll(all, deadlineNanos);
    scheduler.stop();
    return result;
  }

  @Override
  public String toString() {
    return "AdaptiveProcessor{subscriptions=" + states.size() + '}';
  }
}
