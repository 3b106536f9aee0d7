package dev.eventbus.core.internal.metrics;

import dev.eventbus.api.BatchTuning;
import dev.eventbus.api.EventBusStats;
import dev.eventbus.core.spi.DeliveryCallback;
import dev.eventbus.core.spi.DeliveryOutcome;
import dev.eventbus.core.spi.Subscriber;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bus-wide counters behind {@link EventBusStats}. Striped adders: increments from many threads
 * do not contend on one cache line, and none allocates once the stripes exist. When disabled every
 * method returns at once and the stats read 0.
 *
 * <p>It is also the callback of pending deliveries published with {@code publish}: their final
 * outcome only needs counting.
 */
public final class StatsCounters implements DeliveryCallback {

  private final boolean enabled;
  private final LongAdder published = new LongAdder();
  private final LongAdder unhandled = new LongAdder();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder filtered = new LongAdder();
  private final LongAdder retried = new LongAdder();
  private final LongAdder deadLettered = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder pending = new LongAdder();

  public StatsCounters(boolean enabled) {
    this.enabled = enabled;
  }

  /** Counts one published event and the immediate outcomes of its deliveries. */
  public void recordPublish(
      int matched,
      int deliveredNow,
      int filteredNow,
      int pendingNow,
      int droppedNow,
      int failedNow,
      int deadLetteredNow) {
    if (!enabled) {
      return;
    }
    published.increment();
    if (matched == 0) {
      unhandled.increment();
      return;
    }
    addIfPositive(delivered, deliveredNow);
    addIfPositive(filtered, filteredNow);
    addIfPositive(pending, pendingNow);
    addIfPositive(dropped, droppedNow);
    addIfPositive(failed, failedNow);
    addIfPositive(deadLettered, deadLetteredNow);
  }

  /** Counts a dead letter's replayed delivery. */
  public void recordRedelivery(DeliveryOutcome outcome) {
    if (!enabled) {
      return;
    }
    if (outcome instanceof DeliveryOutcome.Failed failure) {
      failed.increment();
      if (failure.deadLettered()) {
        deadLettered.increment();
      }
    } else {
      delivered.increment();
    }
  }

  /** Counts one attempt after the first. */
  public void recordRetry() {
    if (enabled) {
      retried.increment();
    }
  }

  /** Counts the final outcome of a delivery that was pending. */
  @Override
  public void completed(Subscriber subscriber, Object event, DeliveryOutcome outcome) {
    if (!enabled) {
      return;
    }
    pending.decrement();
    if (outcome == DeliveryOutcome.Status.DELIVERED) {
      delivered.increment();
    } else if (outcome == DeliveryOutcome.Status.DROPPED) {
      dropped.increment();
    } else if (outcome == DeliveryOutcome.Status.FILTERED) {
      filtered.increment();
    } else if (outcome instanceof DeliveryOutcome.Failed failure) {
      failed.increment();
      if (failure.deadLettered()) {
        deadLettered.increment();
      }
    }
  }

  /** A reading of every counter. */
  public EventBusStats snapshot(int subscriptions, List<BatchTuning> batchTuning) {
    return new EventBusStats(
        published.sum(),
        unhandled.sum(),
        delivered.sum(),
        failed.sum(),
        filtered.sum(),
        retried.sum(),
        deadLettered.sum(),
        dropped.sum(),
        pending.sum(),
        subscriptions,
        batchTuning);
  }

  private static void addIfPositive(LongAdder adder, int value) {
    if (value > 0) {
      adder.add(value);
    }
  }
}
