package dev.eventbus.core.internal.subscriber;

import dev.eventbus.core.spi.DeliveryOutcome;
import java.util.concurrent.atomic.LongAdder;

/**
 * The outcome counters shared by a subscription's and an event type's metrics, built so that the
 * common outcome costs nothing to count.
 *
 * <p>The common outcome is a delivery that succeeded at once (a synchronous handler returned). It
 * is never counted on its own: the bus counts, per thread and without atomics, how many events went
 * through each resolved route (the subscribers an event type reaches), and every delivery made
 * through a route ends in exactly one immediate outcome. So
 *
 * <pre>
 *   delivered at once = routed - (skipped + filtered + failed + dropped + accepted for later),
 * </pre>
 *
 * where {@code routed} is what {@link #read(long)} is given plus the counts added by {@link
 * #addRouted} kept here, and everything on the right is counted here as it happens, with striped
 * adders: those outcomes are rare or already cost far more than an increment (a filter call, a
 * failure, a queue hand-off). Outcomes that arrive later (a queued delivery ending) are counted
 * here too.
 *
 * <p>Thread-safe. A reading taken while deliveries are in flight may mix instants, and is clamped
 * at 0; once deliveries have finished it is exact.
 */
public final class OutcomeCounters {

  private final LongAdder routed = new PaddedCounter();
  private final LongAdder skipped = new PaddedCounter();
  private final LongAdder accepted = new PaddedCounter();
  private final LongAdder notDeliveredNow = new PaddedCounter();
  // A delivery accepted for later that ended delivered, the common case of the async modes: one
  // count serves both "completed" and "delivered later", so that it costs one increment, not two.
  private final LongAdder completedDelivered = new PaddedCounter();
  private final LongAdder completedOther = new PaddedCounter();
  private final LongAdder redelivered = new PaddedCounter();
  private final LongAdder filtered = new PaddedCounter();
  private final LongAdder failed = new PaddedCounter();
  private final LongAdder deadLettered = new PaddedCounter();
  private final LongAdder dropped = new PaddedCounter();
  private final LongAdder retried = new PaddedCounter();

  /**
   * Adds {@code deliveries} routed outside the live per-thread counts: folded out of a thread's
   * cell (the thread moved on to a newer route, or ended), or routed without a cached route
   * (redeliveries after a restart).
   */
  public void addRouted(long deliveries) {
    routed.add(deliveries);
  }

  /**
   * Adds {@code deliveries} accepted for later that a thread counted in its own cell and folded in
   * (see {@link #read(long, long)}).
   */
  public void addAccepted(long deliveries) {
    accepted.add(deliveries);
  }

  /** Counts a routed delivery skipped because its subscription had just been closed. */
  public void recordSkipped() {
    skipped.increment();
  }

  /**
   * Counts an outcome known when the delivery was handed to its processor. {@code DELIVERED} is
   * derived, so it counts nothing here; {@code PENDING} is usually counted in the publishing
   * thread's cell instead and comes here only where no cell serves.
   */
  public void recordImmediate(DeliveryOutcome outcome) {
    if (outcome == DeliveryOutcome.Status.PENDING) {
      accepted.increment();
    } else if (outcome != DeliveryOutcome.Status.DELIVERED) {
      notDeliveredNow.increment();
      recordFinal(outcome);
    }
  }

  /** Counts the final outcome of a delivery that was accepted for later. */
  public void recordCompletion(DeliveryOutcome outcome) {
    if (outcome == DeliveryOutcome.Status.DELIVERED) {
      completedDelivered.increment();
    } else {
      completedOther.increment();
      recordFinal(outcome);
    }
  }

  /** Counts a dead letter's replayed delivery. */
  public void recordRedelivery(DeliveryOutcome outcome) {
    if (outcome == DeliveryOutcome.Status.DELIVERED) {
      redelivered.increment();
    } else {
      recordFinal(outcome);
    }
  }

  /** Counts one handler attempt after the first. */
  public void recordRetry() {
    retried.increment();
  }

  /** Counts an outcome other than {@code DELIVERED}, which its callers count on their own. */
  private void recordFinal(DeliveryOutcome outcome) {
    if (outcome == DeliveryOutcome.Status.FILTERED) {
      filtered.increment();
    } else if (outcome == DeliveryOutcome.Status.DROPPED) {
      dropped.increment();
    } else if (outcome instanceof DeliveryOutcome.Failed failure) {
      failed.increment();
      if (failure.deadLettered()) {
        deadLettered.increment();
      }
    }
  }

  /**
   * A reading of the counters.
   *
   * @param routedLive deliveries routed through counted routes and not folded yet, as read from the
   *     per-thread counts
   * @param acceptedLive deliveries accepted for later that the per-thread counts hold and have not
   *     folded yet (a publishing thread counts those it hands to a queue in its own cell)
   */
  public Totals read(long routedLive, long acceptedLive) {
    long routedAll = routedLive + routed.sum();
    long acceptedSum = acceptedLive + accepted.sum();
    long deliveredNow = routedAll - skipped.sum() - acceptedSum - notDeliveredNow.sum();
    long deliveredLater = completedDelivered.sum();
    long completed = deliveredLater + completedOther.sum();
    return new Totals(
        Math.max(0, deliveredNow) + deliveredLater + redelivered.sum(),
        filtered.sum(),
        failed.sum(),
        deadLettered.sum(),
        dropped.sum(),
        Math.max(0, acceptedSum - completed),
        retried.sum());
  }

  /**
   * Outcome totals.
   *
   * @param delivered deliveries that succeeded, at once or later
   * @param filtered deliveries a filter rejected
   * @param failed deliveries that failed for good
   * @param deadLettered failed deliveries the dead-letter handler took
   * @param dropped deliveries not made
   * @param pending deliveries accepted for later and not finished
   * @param retried attempts after the first
   */
  public record Totals(
      long delivered,
      long filtered,
      long failed,
      long deadLettered,
      long dropped,
      long pending,
      long retried) {}
}
