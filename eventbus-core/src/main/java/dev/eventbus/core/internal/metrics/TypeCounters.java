package dev.eventbus.core.internal.metrics;

import dev.eventbus.api.TypeStats;
import dev.eventbus.core.internal.subscriber.OutcomeCounters;
import dev.eventbus.core.internal.subscriber.RegisteredSubscriber;
import dev.eventbus.core.spi.DeliveryCallback;
import dev.eventbus.core.spi.DeliveryOutcome;
import dev.eventbus.core.spi.Subscriber;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one event type name. The registry's cached resolution of an event class holds the
 * counters of the type name its events are published as, so a publish finds them with the
 * subscribers it resolves anyway.
 *
 * <p>Publishes are not counted here one by one: each thread counts the events it sends through a
 * route in its own {@link RouteCounts} cell, and those counts are folded in here when the thread
 * moves to another route of this type or ends, or read live by {@link StatsCounters#snapshot}.
 * Every outcome other than an immediate success is counted here and on the subscriber as it happens
 * (see {@link OutcomeCounters}).
 *
 * <p>It is also the callback of the pending deliveries of its type published with {@code publish}
 * (and the delegate of {@code publishAsync}'s tracker): a final outcome is counted for the type and
 * for the subscriber that had it pending.
 *
 * <p>The instance of a bus with metrics off ({@link #DISABLED}) counts nothing.
 */
public final class TypeCounters implements DeliveryCallback {

  /** Counts nothing: the counters of every type on a bus with metrics off. */
  public static final TypeCounters DISABLED = new TypeCounters("", -1, false);

  private final String type;
  private final int slot;
  private final boolean enabled;
  private final OutcomeCounters outcomes = new OutcomeCounters();
  private final LongAdder publishedFolded = new LongAdder();
  private final LongAdder unhandledFolded = new LongAdder();
  private final LongAdder unhandledExplicit = new LongAdder();

  TypeCounters(String type, int slot, boolean enabled) {
    this.type = type;
    this.slot = slot;
    this.enabled = enabled;
  }

  /** The type name counted. */
  public String type() {
    return type;
  }

  /** Whether this instance counts (metrics are on). */
  public boolean enabled() {
    return enabled;
  }

  /** The index of this type in every thread's {@link RouteCounts} cell. */
  int slot() {
    return slot;
  }

  /** Counts a delivery skipped because its subscription had just been closed. */
  public void recordSkipped(RegisteredSubscriber subscriber) {
    outcomes.recordSkipped();
    subscriber.metrics().outcomes().recordSkipped();
  }

  /** Counts an outcome other than {@code DELIVERED} known when the delivery was handed over. */
  public void recordImmediate(RegisteredSubscriber subscriber, DeliveryOutcome outcome) {
    outcomes.recordImmediate(outcome);
    subscriber.metrics().outcomes().recordImmediate(outcome);
  }

  /** Counts a publish that reached a route whose subscribers had all just been closed. */
  public void recordUnhandled() {
    unhandledExplicit.increment();
  }

  /**
   * Counts one publish routed to {@code subscribers} outside any thread's cell (redeliveries after
   * a restart, which have no cached route).
   */
  public void countExplicitly(RegisteredSubscriber[] subscribers) {
    fold(1, subscribers);
  }

  /**
   * Adds {@code publishes} routed to {@code subscribers} to the totals: moved out of a thread's
   * cell for that route, or counted explicitly.
   */
  void fold(long publishes, RegisteredSubscriber[] subscribers) {
    publishedFolded.add(publishes);
    if (subscribers.length == 0) {
      unhandledFolded.add(publishes);
      return;
    }
    outcomes.addRouted(publishes * subscribers.length);
    for (RegisteredSubscriber subscriber : subscribers) {
      subscriber.metrics().outcomes().addRouted(publishes);
    }
  }

  /**
   * Adds deliveries accepted for later that a thread counted in its cell for {@code subscribers}:
   * {@code accepted[i]} of them for {@code subscribers[i]}.
   */
  void foldAccepted(long[] accepted, RegisteredSubscriber[] subscribers) {
    long all = 0;
    for (int i = 0; i < accepted.length; i++) {
      long count = accepted[i];
      if (count != 0) {
        all += count;
        subscribers[i].metrics().outcomes().addAccepted(count);
      }
    }
    if (all != 0) {
      outcomes.addAccepted(all);
    }
  }

  /** Counts one attempt after the first. */
  void recordRetry() {
    if (enabled) {
      outcomes.recordRetry();
    }
  }

  /** Counts a dead letter's replayed delivery, for the type and the subscriber. */
  void recordRedelivery(RegisteredSubscriber subscriber, DeliveryOutcome outcome) {
    if (enabled) {
      outcomes.recordRedelivery(outcome);
      subscriber.metrics().outcomes().recordRedelivery(outcome);
    }
  }

  /** Counts the final outcome of a delivery that was pending, for the type and the subscriber. */
  @Override
  public void completed(Subscriber subscriber, Object event, DeliveryOutcome outcome) {
    if (enabled) {
      outcomes.recordCompletion(outcome);
      ((RegisteredSubscriber) subscriber).metrics().outcomes().recordCompletion(outcome);
    }
  }

  /**
   * A reading of the counters.
   *
   * @param live what the threads' cells hold for this type and have not folded in yet
   */
  TypeStats snapshot(RouteCounts.Live live) {
    OutcomeCounters.Totals totals = outcomes.read(live.routings(), live.accepted());
    return new TypeStats(
        type,
        publishedFolded.sum() + live.publishes(),
        unhandledFolded.sum() + unhandledExplicit.sum() + live.unhandled(),
        totals.delivered(),
        totals.filtered(),
        totals.failed(),
        totals.retried(),
        totals.deadLettered(),
        totals.dropped(),
        totals.pending());
  }

  @Override
  public String toString() {
    return "TypeCounters{" + type + (enabled ? "" : ", disabled") + '}';
  }
}
