package dev.eventbus.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An event with the metadata the bus attaches when a feature needs it: queued, stored or
 * dead-lettered events travel in an envelope. Synchronous delivery to plain handlers does not
 * create one.
 *
 * @param id unique per published event; redeliveries keep it, so handlers can deduplicate by it
 * @param eventType the type name (see {@link DomainEvent#typeNameOf(Object)})
 * @param version the schema version
 * @param timestamp when the bus accepted the event
 * @param priority the event's lane in asynchronous queues
 * @param partitionKey the ordering key, or {@code null} for "order by type"
 * @param headers free-form string metadata, immutable
 * @param payload the event itself
 * @param <E> the payload type
 * @since 0.1
 */
public record EventEnvelope<E>(
    UUID id,
    String eventType,
    int version,
    Instant timestamp,
    EventPriority priority,
    @Nullable String partitionKey,
    Map<String, String> headers,
    E payload) {

  public EventEnvelope {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(payload, "payload");
    headers = Map.copyOf(headers);
    if (version < 1) {
      throw new IllegalArgumentException("version must be >= 1 but was " + version);
    }
  }

  /**
   * Wraps {@code event} with a random id, the given timestamp, no headers and the metadata the
   * event declares (see {@link DomainEvent}).
   */
  public static <E> EventEnvelope<E> wrap(E event, Instant timestamp) {
    Objects.requireNonNull(event, "event");
    return new EventEnvelope<>(
        UUID.randomUUID(),
        DomainEvent.typeNameOf(event),
        DomainEvent.versionOf(event),
        timestamp,
        DomainEvent.priorityOf(event),
        DomainEvent.partitionKeyOf(event),
        Map.of(),
        event);
  }

  /** The key asynchronous delivery orders by: the partition key, or else the type name. */
  public String orderingKey() {
    return partitionKey != null ? partitionKey : eventType;
  }
}
