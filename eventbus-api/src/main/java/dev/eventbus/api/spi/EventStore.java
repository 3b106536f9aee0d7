package dev.eventbus.api.spi;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An append-only log of published events with a global position. When a bus has a store, {@code
 * publish} returns only after {@link #append(List)} has made the event durable, to the degree the
 * implementation documents (commit, fsync).
 *
 * <p>Positions start at 1 and increase by one per event in append order, without gaps, as long as
 * one store instance writes; readers never see a position before all lower ones are visible.
 * Records set aside by {@link #quarantine(long, String)} (or found unreadable by the store itself)
 * keep their position and are left out of every read. Implementations are thread-safe.
 *
 * @since 0.1
 */
public interface EventStore extends AutoCloseable {

  /**
   * Appends events in list order, all or none, and returns them with their positions.
   *
   * @param events the events to store; a plain {@code EventStore} refuses ones with deliveries
   * @return the stored events, in the same order, with consecutive positions
   * @throws EventStoreException if the events could not be stored; none of them was
   * @throws IllegalStateException if the store is closed
   */
  List<StoredEvent> append(List<NewEvent> events);

  /**
   * The event at {@code position}, unless there is none or it is quarantined.
   *
   * @param position a position, from 1
   * @return the event, or empty if there is none there or it is quarantined
   */
  Optional<StoredEvent> read(long position);

  /**
   * Events from {@code fromPosition} (inclusive) in position order. The stream may hold a
   * connection: close it (try-with-resources).
   *
   * @param fromPosition the first position read
   * @return the events, quarantined ones left out
   */
  Stream<StoredEvent> readFrom(long fromPosition);

  /**
   * Events of one type name from {@code fromPosition}, in position order; close the stream.
   *
   * @param eventType the type name
   * @param fromPosition the first position read
   * @return the events of that type, quarantined ones left out
   */
  Stream<StoredEvent> readByType(String eventType, long fromPosition);

  /**
   * Events of one partition key from {@code fromPosition}, in position order; close the stream.
   *
   * @param partitionKey the partition key
   * @param fromPosition the first position read
   * @return the events with that key, quarantined ones left out
   */
  Stream<StoredEvent> readByPartitionKey(String partitionKey, long fromPosition);

  /** {@return the highest position stored, quarantined records included, or 0 when empty} */
  long lastPosition();

  /**
   * Sets the record at {@code position} aside: it stays stored, with the reason, and is left out of
   * every read from now on. Quarantining a quarantined record again keeps the first reason.
   *
   * @param position the record's position
   * @param reason why it is set aside, naming what is wrong
   * @throws IllegalArgumentException if there is no record at {@code position}
   * @throws EventStoreException if the store cannot record it
   */
  void quarantine(long position, String reason);

  /** {@return the records set aside, in position order} */
  List<QuarantinedEvent> quarantined();

  /** Releases the store's resources; further calls throw {@link IllegalStateException}. */
  @Override
  void close();
}
