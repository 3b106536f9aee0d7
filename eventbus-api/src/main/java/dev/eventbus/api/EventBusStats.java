package dev.eventbus.api;

import java.util.List;

/**
 * A point-in-time reading of a bus's counters since it was built. Each counter is exact for the
 * events whose delivery has finished; read while events are in flight, the counters may come from
 * slightly different instants. With metrics disabled in the bus's {@code MetricsConfig}, only
 * {@link #subscriptions()} is kept and every counter reads 0.
 *
 * @param published events accepted by {@code publish*}
 * @param unhandled published events that matched no subscription
 * @param delivered successful (subscription, event) deliveries
 * @param failed (subscription, event) deliveries that failed for good, as they happened (a dead
 *     letter replayed later and delivered then is also counted in {@code delivered})
 * @param filtered (subscription, event) pairs a filter rejected
 * @param retried attempts after the first
 * @param deadLettered failed deliveries handed to the dead-letter handler
 * @param dropped (subscription, event) deliveries not made: dropped by an overflow policy, still
 *     queued when the bus stopped, or queued when their subscription was closed
 * @param pending deliveries accepted and not yet finished
 * @param subscriptions active subscriptions
 * @param batchTuning the current batch size and interval of each subscription that batches (in
 *     {@code BATCH} mode, or {@code ADAPTIVE} with batches), by subscription id
 * @since 0.1
 */
public record EventBusStats(
    long published,
    long unhandled,
    long delivered,
    long failed,
    long filtered,
    long retried,
    long deadLettered,
    long dropped,
    long pending,
    int subscriptions,
    List<BatchTuning> batchTuning) {

  public EventBusStats {
    batchTuning = List.copyOf(batchTuning);
  }
}
