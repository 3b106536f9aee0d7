package dev.eventbus.api.spi;

import java.sql.Connection;
import java.time.Duration;
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
 * <p><b>Several instances.</b> A store that several processes share (each with a store instance of
 * its own on one database) holds a lease per instance: the deliveries an instance appends are its
 * own while it {@linkplain #renewLease() renews} its lease, {@link #pendingDeliveries(String)}
 * gives it only deliveries no live instance holds, and {@link #takeOverDeliveries(String, int)}
 * claims those of an instance whose lease ran out. A store one process owns has no leases: the
 * defaults of those methods describe it.
 *
 * @since 0.1
 */
public interface DurableEventStore extends EventStore, DeadLetterStore {

  /**
   * The deliveries of one subscription not completed yet, in position order. Deliveries of
   * quarantined events are left out. On a store several instances share, only those this instance
   * may make: its own, those of no instance, and those of an instance whose lease ran out, which
   * this call claims for this instance (a delivery another live instance holds or is claiming is
   * left out). Close the stream.
   *
   * @param subscriptionName the subscription's name
   * @return its pending deliveries
   */
  Stream<PendingDelivery> pendingDeliveries(String subscriptionName);

  /**
   * Records completions. Completing a delivery twice keeps the first completion; completing one
   * that was never pending is ignored.
   *
   * @param completions the deliveries that ended, each with its outcome
   * @throws EventStoreException if they could not be recorded; none of them was
   */
  void completeDeliveries(List<DeliveryCompletion> completions);

  /**
   * Appends events as {@link #append(List)} does, but in the caller's transaction on {@code
   * connection}: they (and their pending deliveries) are stored if and when the caller commits, and
   * not at all if it rolls back. The connection must be one to this store's database, with
   * auto-commit off; it stays open and in its transaction.
   *
   * @param connection the caller's connection to this store's database, in a transaction
   * @param events the events to store, as for {@link #append(List)}
   * @return the events as they will be stored, with their positions, in the same order
   * @throws UnsupportedOperationException if this store cannot write through a caller's connection
   *     (the default)
   * @throws IllegalStateException if {@code connection} is in auto-commit mode
   * @throws EventStoreException if the events could not be written; the caller should roll back
   */
  default List<StoredEvent> appendInTransaction(Connection connection, List<NewEvent> events) {
    throw new UnsupportedOperationException(
        getClass().getName() + " cannot append in a caller's transaction");
  }

  /**
   * How often {@link #renewLease()} must be called to keep this instance's deliveries its own;
   * {@link Duration#ZERO} (the default) for a store one process owns, which has no leases.
   *
   * @return the renewal interval; zero if the store has no leases
   */
  default Duration leaseRenewalInterval() {
    return Duration.ZERO;
  }

  /**
   * Extends this instance's lease, so no other instance takes its deliveries over. Does nothing on
   * a store without leases (the default).
   *
   * @throws EventStoreException if the lease could not be renewed
   */
  default void renewLease() {}

  /**
   * Claims, for this instance, up to {@code limit} pending deliveries of {@code subscriptionName}
   * that another instance held and whose lease ran out (or that no instance holds), in position
   * order, and returns them; they are then this instance's to make. Empty on a store without leases
   * (the default).
   *
   * @param subscriptionName the subscription whose deliveries to claim
   * @param limit the most deliveries to claim, at least 1
   * @return the claimed deliveries, in position order; possibly empty
   * @throws IllegalArgumentException if {@code limit < 1}
   * @throws EventStoreException if they could not be claimed
   */
  default List<PendingDelivery> takeOverDeliveries(String subscriptionName, int limit) {
    return List.of();
  }

  /**
   * Removes the records of deliveries completed before {@code completedBefore}.
   *
   * @param completedBefore the instant every removed completion is before
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

    /**
     * Validates the fields.
     *
     * @param position the event's position
     * @param subscriptionName the subscription's name
     * @throws NullPointerException if {@code subscriptionName} is null
     */
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

    /**
     * Validates the fields.
     *
     * @param position the event's position
     * @param subscriptionName the subscription's name
     * @param outcome how it ended
     * @param completedAt when
     * @throws NullPointerException if a name, outcome or time is null
     */
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
