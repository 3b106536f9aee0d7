package dev.eventbus.api;

import java.util.Objects;

/**
 * The counters of one active subscription since it was made.
 *
 * @param subscriptionId the subscription
 * @param subscriptionName its name (see {@link Subscription#name()})
 * @param eventType the type it subscribed to: a class name, a type name or {@code "*"}
 * @param mode the mode it runs in
 * @param delivered events its handler took without failing
 * @param filtered events a filter (bus-wide or its own) kept from it
 * @param failed deliveries that failed for good
 * @param retried handler attempts after the first (a batch retried counts once per attempt)
 * @param deadLettered failed deliveries handed to the dead-letter handler
 * @param dropped deliveries not made: dropped by an overflow policy, still queued when the bus
 *     stopped, or queued when the subscription was closed
 * @param queueDepth deliveries accepted for later and not finished yet (queued, collected in an
 *     open batch, running or waiting for a retry); always 0 for {@code SYNC}, which has no queue
 * @param lastBatchSize the size of the last batch flushed (0 if it never batched)
 * @param meanBatchSize the mean size of its batches (0 if it never batched)
 * @param latency its handler latency, sampled
 * @since 0.1
 */
public record SubscriptionStats(
    SubscriptionId subscriptionId,
    String subscriptionName,
    String eventType,
    ProcessingMode mode,
    long delivered,
    long filtered,
    long failed,
    long retried,
    long deadLettered,
    long dropped,
    long queueDepth,
    int lastBatchSize,
    double meanBatchSize,
    LatencySummary latency) {

  /**
   * Checks the components.
   *
   * @param subscriptionId the subscription
   * @param subscriptionName its name (see {@link Subscription#name()})
   * @param eventType the type it subscribed to: a class name, a type name or {@code "*"}
   * @param mode the mode it runs in
   * @param delivered events its handler took without failing
   * @param filtered events a filter (bus-wide or its own) kept from it
   * @param failed deliveries that failed for good
   * @param retried handler attempts after the first (a batch retried counts once per attempt)
   * @param deadLettered failed deliveries handed to the dead-letter handler
   * @param dropped deliveries not made: dropped by an overflow policy, still queued when the bus
   *     stopped, or queued when the subscription was closed
   * @param queueDepth deliveries accepted for later and not finished yet (queued, collected in an
   *     open batch, running or waiting for a retry); always 0 for {@code SYNC}, which has no queue
   * @param lastBatchSize the size of the last batch flushed (0 if it never batched)
   * @param meanBatchSize the mean size of its batches (0 if it never batched)
   * @param latency its handler latency, sampled
   * @throws NullPointerException if a name, the event type, the mode or the latency is null
   */
  public SubscriptionStats {
    Objects.requireNonNull(subscriptionId, "subscriptionId");
    Objects.requireNonNull(subscriptionName, "subscriptionName");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(latency, "latency");
  }
}
