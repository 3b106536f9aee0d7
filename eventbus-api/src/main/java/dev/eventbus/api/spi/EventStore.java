package dev.eventbus.api.spi;

import dev.eventbus.api.EventEnvelope;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An append-only log of published events with a global position. When a bus has a store, {@code
 * publish} returns only after {@link #append(List)} has made the event durable, to the degree the
 * implementation documents (commit, fsync).
 *
 * <p>Implementations are thread-safe. Positions start at 1 and increase strictly in append order;
 * they may have gaps (for example after a failed transaction) but never go backwards.
 *
 * @since 0.1
 */
public interface EventStore extends AutoCloseable {

  /**
   * Appends events in list order, all or none.
   *
   * @return the position assigned to each event, in the same order
   * @throws EventStoreException if the events could not be stored; none of them was
   */
  List<StoredEvent> append(List<? extends EventEnvelope<?>> events);

  /** The event at {@code position}, if there is one. */
  Optional<StoredEvent> read(long position);

  /**
   * Events from {@code fromPosition} (inclusive) in position order. The stream holds resources:
   * close it (try-with-resources).
   */
  Stream<StoredEvent> readFrom(long fromPosition);

  /** Events of one type name from {@code fromPosition}, in position order; close the stream. */
  Stream<StoredEvent> readByType(String eventType, long fromPosition);

  /** Events of one partition key from {@code fromPosition}, in position order; close the stream. */
  Stream<StoredEvent> readByPartitionKey(String partitionKey, long fromPosition);

  /** The highest position stored, or 0 when empty. */
  long lastPosition();

  /** Releases the store's resources; further calls fail. */
  @Override
  void close();
}
