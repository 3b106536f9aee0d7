package dev.eventbus.core.internal.dispatch;

import dev.eventbus.api.EventBusOverloadedException;
import dev.eventbus.api.HandlerFailure;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.PublishResult;
import dev.eventbus.core.internal.metrics.RouteCounts;
import dev.eventbus.core.internal.metrics.StatsCounters;
import dev.eventbus.core.internal.metrics.TypeCounters;
import dev.eventbus.core.internal.registry.Route;
import dev.eventbus.core.internal.subscriber.RegisteredSubscriber;
import dev.eventbus.core.journal.Journal;
import dev.eventbus.core.spi.DeliveryCallback;
import dev.eventbus.core.spi.DeliveryOutcome;
import dev.eventbus.core.spi.EventProcessor;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Takes one event and its resolved subscribers (in delivery order) through the filter chain to each
 * subscriber's processor, and sums up the outcomes. Sharded processors get the event's shard,
 * computed at most once per event and the same for all of them, so one key keeps one order.
 *
 * <p>On the path where every subscriber is synchronous, accepts the event and succeeds, nothing is
 * allocated: the subscriber array is walked by index, outcomes are constants and the result is a
 * shared instance.
 *
 * <p>Counting, with metrics on: one plain increment per event in the publishing thread's {@link
 * RouteCounts} cell, whatever the number of subscribers, and one per delivery handed to a queue;
 * every other outcome but an immediate success is counted on the {@link TypeCounters} of the
 * event's type (which the caller got from the registry with the subscribers) and the subscriber's
 * own counters; pending outcomes are counted when they arrive, by the callback. For every 64th
 * event of a type a thread publishes, one of its {@code SYNC} deliveries is timed, each subscriber
 * in turn. No lookup and no allocation.
 */
public final class ShardedEventDispatcher {

  private final FilterChain filters;
  private final ShardSelector shardSelector;
  private final RetryingHandlerInvoker invoker;
  private final StatsCounters stats;

  public ShardedEventDispatcher(
      FilterChain filters,
      ShardSelector shardSelector,
      RetryingHandlerInvoker invoker,
      StatsCounters stats) {
    this.filters = filters;
    this.shardSelector = shardSelector;
    this.invoker = invoker;
    this.stats = stats;
  }

  /**
   * Dispatches {@code event} to {@code subscribers}. A processor that refuses a delivery because a
   * queue is full (overflow policy {@code FAIL}, or {@code BLOCK} timing out) does not stop
   * delivery to the others: the refusal counts as dropped, and once every subscriber had its turn
   * the dispatch throws {@link EventBusOverloadedException} carrying the result.
   *
   * @param route the subscribers, in delivery order, and the counters of the event's type
   * @param callback told the final outcome of every delivery a processor leaves pending; it must
   *     count them (usually it is the route's counters, or delegates to them)
   * @param journaled the event's journal entry on a durable bus, told every outcome known at once
   *     (not {@code PENDING}); {@code null} without a journal
   * @param inFlight the publishing thread's slot, told each subscriber the publish reaches (so that
   *     a stop can name it); {@code null} for a dispatch that is not a publish (recovery)
   */
  public PublishResult dispatch(
      Object event,
      Route route,
      DeliveryCallback callback,
      Journal.@Nullable Entry journaled,
      InFlightPublishes.@Nullable Slot inFlight) {
    RegisteredSubscriber[] subscribers = route.subscribers();
    TypeCounters counters = route.counters();
    // Counted first, so that the loop keeps nothing of it but one flag; should the loop end in an
    // unexpected throwable, the deliveries it did not reach are counted as skipped below.
    boolean counting = stats.enabled();
    RouteCounts.Cell cell = null;
    if (counting && route.cached()) {
      cell = inFlight == null ? stats.cell() : inFlight.counts(stats);
    }
    int timed = counting ? stats.countPublish(counters, subscribers, cell) : RouteCounts.NONE_TIMED;
    boolean busAccepts = true;
    Throwable busFilterFailure = null;
    if (subscribers.length > 0) {
      try {
        busAccepts = filters.acceptsBusWide(event);
      } catch (Throwable failure) {
        busFilterFailure = failure;
      }
    }
    if (inFlight != null) {
      inFlight.dispatchesTo(subscribers);
    }
    int shard = -1;
    int matched = 0;
    int delivered = 0;
    int filtered = 0;
    int pending = 0;
    int dropped = 0;
    int deadLettered = 0;
    List<HandlerFailure> failures = null;
    EventBusOverloadedException overloaded = null;
    // When consecutive SYNC deliveries are all timed, one's end is the next one's start: one clock
    // read per delivery instead of two.
    long lastEnd = 0;
    int i = 0;
    try {
      for (; i < subscribers.length; i++) {
        RegisteredSubscriber subscriber = subscribers[i];
        if (!subscriber.isActive()) {
          if (counting) {
            counters.recordSkipped(subscriber);
          }
          continue;
        }
        matched++;
        if (inFlight != null) {
          inFlight.at(i);
        }
        DeliveryOutcome outcome;
        if (busFilterFailure != null) {
          outcome = invoker.fail(subscriber, event, busFilterFailure, 1);
        } else if (!busAccepts) {
          outcome = DeliveryOutcome.Status.FILTERED;
        } else {
          EventProcessor processor = subscriber.processor();
          if (shard < 0 && processor.isSharded()) {
            shard = shardSelector.shardOf(event);
          }
          // One call site for deliver: a second one, timed, would double the code the JIT inlines.
          boolean timeThis =
              timed != RouteCounts.NONE_TIMED
                  && (timed == i || timed == RouteCounts.ALL_TIMED)
                  && subscriber.mode() == ProcessingMode.SYNC;
          long start = timeThis ? (lastEnd != 0 ? lastEnd : System.nanoTime()) : 0;
          lastEnd = 0;
          try {
            outcome =
                deliver(subscriber, processor, event, processor.isSharded() ? shard : -1, callback);
            if (timeThis) {
              long end = System.nanoTime();
              subscriber.metrics().recordLatency(end - start);
              lastEnd = timed == RouteCounts.ALL_TIMED ? end : 0;
            }
          } catch (EventBusOverloadedException refused) {
            outcome = DeliveryOutcome.Status.DROPPED;
            overloaded = overloaded == null ? refused : overloaded;
          }
        }
        if (journaled != null && outcome != DeliveryOutcome.Status.PENDING) {
          journaled.settledNow(subscriber, event, outcome);
        }
        if (counting
            && outcome != DeliveryOutcome.Status.DELIVERED
            && (outcome != DeliveryOutcome.Status.PENDING
                || cell == null
                || !cell.countAccepted(counters, subscribers, i))) {
          counters.recordImmediate(subscriber, outcome);
        }
        if (outcome == DeliveryOutcome.Status.DELIVERED) {
          delivered++;
        } else if (outcome == DeliveryOutcome.Status.FILTERED) {
          filtered++;
        } else if (outcome == DeliveryOutcome.Status.PENDING) {
          pending++;
        } else if (outcome == DeliveryOutcome.Status.DROPPED) {
          dropped++;
        } else {
          DeliveryOutcome.Failed failed = (DeliveryOutcome.Failed) outcome;
          if (failures == null) {
            failures = new ArrayList<>(2);
          }
          failures.add(failed.failure());
          if (failed.deadLettered()) {
            deadLettered++;
          }
        }
      }
    } catch (RuntimeException | Error unexpected) {
      if (counting) {
        for (int left = i; left < subscribers.length; left++) {
          counters.recordSkipped(subscribers[left]);
        }
      }
      throw unexpected;
    }
    if (counting && matched == 0 && subscribers.length > 0) {
      counters.recordUnhandled();
    }
    PublishResult result =
        PublishResult.of(
            matched,
            delivered,
            filtered,
            pending,
            dropped,
            deadLettered,
            failures == null ? List.of() : failures);
    if (overloaded != null) {
      throw new EventBusOverloadedException(overloaded.getMessage(), result);
    }
    return result;
  }

  private DeliveryOutcome deliver(
      RegisteredSubscriber subscriber,
      EventProcessor processor,
      Object event,
      int shard,
      DeliveryCallback callback) {
    boolean accepted;
    try {
      accepted = FilterChain.acceptsFor(subscriber, event);
    } catch (Throwable filterFailure) {
      return invoker.fail(subscriber, event, filterFailure, 1);
    }
    if (!accepted) {
      return DeliveryOutcome.Status.FILTERED;
    }
    return processor.deliver(subscriber, event, shard, callback);
  }
}
