package dev.eventbus.api.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * An {@link EventStore} that also tracks deliveries, so a bus can deliver at least once across a
 * crash: {@link #append(List)} records, in the same transaction as each event, one pending delivery
 * per name in {@link NewEvent#deliveries()}; the bus completes them as subscriptions finish; on the
 * next start it redelivers whatever is still pending, in position order. Completed records are kept
 * until {@link #pruneCompletedDeliveries(Instant)} removes them. Deliveries that failed for good
 * are also kept as dead letters ({@link DeadLetterStore}).
 *
 * @since 0.1
 */
public interface DurableEventStore extends EventStore, DeadLetterStore {

  /**
   * The deliveries of one subscription not completed yet, in position order. Deliveries of
   * quarantined events are left out. Close the stream.
   */
  Stream<PendingDelivery> pendingDeliveries(String subscriptionName);

  /**
   * Records completions. Completing a delivery twice keeps the first completion; completing one
   * that was never pending is ignored.
   *
   * @throws EventStoreException if they could not be recorded; none of them was
   */
  void completeDeliveries(List<DeliveryCompletion> completions);

  /**
   * Removes the records of deliveries completed before {@code completedBefore}.
   *
   * @return how many were removed
   */
  long pruneCompletedDeliveries(Instant completedBefore);

  /**
   * A delivery still to be completed.
   *
   * @param position the event's position
   * @param subscriptionName the subscription's name
   */
  record PendingDelivery(long position, String subscriptionName) {

    /** Validates the fields. */
    public PendingDelivery {
      Objects.requireNonNull(subscriptionName, "subscriptionName");
    }
  }

  /**
   * How a delivery ended.
   *
   * @param position the event's position
   * @param subscriptionName the subscription's name
   * @param outcome how it ended
   * @param completedAt when
   */
  record DeliveryCompletion(
      long position, String subscriptionName, Outcome outcome, Instant completedAt) {

    /** Validates the fields. */
    public DeliveryCompletion {
      Objects.requireNonNull(subscriptionName, "subscriptionName");
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(completedAt, "completedAt");
    }
  }

  /** How a delivery ended. */
  enum Outcome {
    /** The handler returned normally (perhaps after retries). */
    DELIVERED,
    /** A filter turned the event down. */
    FILTERED,
    /** The handler kept failing and the event went to the dead letters. */
    FAILED,
    /** The event could not be read back (unknown type or version) and was quarantined. */
    QUARANTINED
  }
}
