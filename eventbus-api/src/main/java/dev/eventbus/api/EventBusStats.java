package dev.eventbus.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A point-in-time reading of a bus's counters since it was built. Each counter is exact for the
 * events whose delivery has finished; read while events are in flight, the counters may come from
 * slightly different instants. With metrics disabled in the bus's {@code MetricsConfig}, only
 * {@link #subscriptions()}, {@link #redelivered()}, {@link #batchTuning()} and {@link #adaptive()}
 * are kept, every other counter reads 0 and {@link #byType()} and {@link #bySubscription()} are
 * empty.
 *
 * <p>With metrics on, the bus-wide counters are the sums of the per-type ones.
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
 * @param redelivered deliveries made again after a restart because the store still had them
 *     pending: the possible duplicates of an at-least-once bus (always 0 without storage)
 * @param subscriptions active subscriptions
 * @param batchTuning the current batch size and interval of each subscription that batches (in
 *     {@code BATCH} mode, or {@code ADAPTIVE} with batches), by subscription id
 * @param adaptive what each {@code ADAPTIVE} subscription that has received events runs as now, and
 *     why, by subscription id
 * @param byType the counters of each event type published so far, by type name (empty with metrics
 *     off)
 * @param bySubscription the counters of each active subscription, in subscription order (empty with
 *     metrics off)
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
    long redelivered,
    int subscriptions,
    Map<SubscriptionId, BatchTuning> batchTuning,
    Map<SubscriptionId, AdaptiveChoice> adaptive,
    List<TypeStats> byType,
    List<SubscriptionStats> bySubscription) {

  /**
   * Copies the maps and the lists.
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
   * @param redelivered deliveries made again after a restart because the store still had them
   *     pending: the possible duplicates of an at-least-once bus (always 0 without storage)
   * @param subscriptions active subscriptions
   * @param batchTuning the current batch size and interval of each subscription that batches (in
   *     {@code BATCH} mode, or {@code ADAPTIVE} with batches), by subscription id
   * @param adaptive what each {@code ADAPTIVE} subscription that has received events runs as now,
   *     and why, by subscription id
   * @param byType the counters of each event type published so far, by type name (empty with
   *     metrics off)
   * @param bySubscription the counters of each active subscription, in subscription order (empty
   *     with metrics off)
   * @throws NullPointerException if a map, a list or an element of one is null
   */
  public EventBusStats {
    batchTuning = Map.copyOf(batchTuning);
    adaptive = Map.copyOf(adaptive);
    byType = List.copyOf(byType);
    bySubscription = List.copyOf(bySubscription);
  }

  /**
   * The counters of the event type named {@code type}, if it was counted.
   *
   * @param type a type name
   * @return its counters, or empty if no event of that type was counted on its own
   */
  public Optional<TypeStats> type(String type) {
    for (TypeStats stats : byType) {
      if (stats.type().equals(type)) {
        return Optional.of(stats);
      }
    }
    return Optional.empty();
  }

  /**
   * The counters of the subscription {@code id}, if it is active and metrics are on.
   *
   * @param id a subscription's id
   * @return its counters, or empty if it is not active or metrics are off
   */
  public Optional<SubscriptionStats> subscription(SubscriptionId id) {
    for (SubscriptionStats stats : bySubscription) {
      if (stats.subscriptionId().equals(id)) {
        return Optional.of(stats);
      }
    }
    return Optional.empty();
  }
}
