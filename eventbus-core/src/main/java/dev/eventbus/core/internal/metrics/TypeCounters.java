package dev.eventbus.core.internal.metrics;

import dev.eventbus.api.TypeStats;
import dev.eventbus.core.spi.DeliveryCallback;
import dev.eventbus.core.spi.DeliveryOutcome;
import dev.eventbus.core.spi.Subscriber;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one event type. The registry's cached resolution of an event class holds the
 * counters of the type name its events are published as, so a publish finds them with the
 * subscribers it resolves anyway: no lookup, no allocation. Counters are {@link LongAdder}s because
 * any number of threads publish the same type at once; an uncontended increment is one
 * compare-and-set.
 *
 * <p>It is also the callback of the pending deliveries of its type published with {@code publish}
 * (and the delegate of {@code publishAsync}'s tracker): a final outcome is counted for the type and
 * for the subscriber that had it pending.
 *
 * <p>The instance of a bus with metrics off ({@link #DISABLED}) counts nothing.
 */
public final class TypeCounters implements DeliveryCallback {

  /** Counts nothing: the counters of every type on a bus with metrics off. */
  public static final TypeCounters DISABLED = new TypeCounters("", false);

  private final String type;
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

  TypeCounters(String type, boolean enabled) {
    this.type = type;
    this.enabled = enabled;
  }

  /** The type name counted. */
  public String type() {
    return type;
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

  /** Counts one attempt after the first. */
  void recordRetry() {
    if (enabled) {
      retried.increment();
    }
  }

  /** Counts a dead letter's replayed delivery. */
  void recordRedelivery(DeliveryOutcome outcome) {
    if (!enabled) {
      return;
    }
    if (outcome instanceof DeliveryOutcome.Failed failure) {
      failed.increment();
      if (failure.deadLettered()) {
        deadLettered.increment();
      }
    } else if (outcome == DeliveryOutcome.Status.DELIVERED) {
      delivered.increment();
    }
  }

  /** Counts the final outcome of a delivery that was pending, for the type and the subscriber. */
  @Override
  public void completed(Subscriber subscriber, Object event, DeliveryOutcome outcome) {
    if (!enabled) {
      return;
    }
    subscriber.metrics().recordCompletion(outcome);
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

  /** A reading of the counters. */
  TypeStats snapshot() {
    return new TypeStats(
        type,
        published.sum(),
        unhandled.sum(),
        delivered.sum(),
        filtered.sum(),
        failed.sum(),
        retried.sum(),
        deadLettered.sum(),
        dropped.sum(),
        pending.sum());
  }

  private static void addIfPositive(LongAdder adder, int value) {
    if (value > 0) {
      adder.add(value);
    }
  }

  @Override
  public String toString() {
    return "TypeCounters{" + type + (enabled ? "" : ", disabled") + '}';
  }
}
