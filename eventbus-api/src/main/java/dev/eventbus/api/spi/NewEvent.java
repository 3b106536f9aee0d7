package dev.eventbus.api.spi;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An event on its way into an {@link EventStore}: everything a {@link StoredEvent} has but its
 * position, which the store assigns.
 *
 * @param id the event's id, unique per published event and kept by redeliveries
 * @param eventType the type name
 * @param version the schema version of {@code data}, from 1
 * @param timestamp when the bus accepted the event
 * @param partitionKey the ordering key, or {@code null}
 * @param headers string metadata
 * @param data the payload as a tree: maps with string keys, lists, strings, numbers, booleans and
 *     nulls, as JSON has; treated as read-only
 * @param deliveries names of the subscriptions that must each complete a delivery of this event: a
 *     {@link DurableEventStore} records one pending delivery per name in the same transaction as
 *     the event; a plain {@link EventStore} accepts only events without deliveries
 * @since 0.1
 */
public record NewEvent(
    UUID id,
    String eventType,
    int version,
    Instant timestamp,
    @Nullable String partitionKey,
    Map<String, String> headers,
    Map<String, Object> data,
    List<String> deliveries) {

  /**
   * Validates the fields and copies the headers and deliveries.
   *
   * @param id the event's id, unique per published event and kept by redeliveries
   * @param eventType the type name
   * @param version the schema version of {@code data}, from 1
   * @param timestamp when the bus accepted the event
   * @param partitionKey the ordering key, or {@code null}
   * @param headers string metadata
   * @param data the payload as a tree: maps with string keys, lists, strings, numbers, booleans and
   *     nulls, as JSON has; treated as read-only
   * @param deliveries names of the subscriptions that must each complete a delivery of this event:
   *     a {@link DurableEventStore} records one pending delivery per name in the same transaction
   *     as the event; a plain {@link EventStore} accepts only events without deliveries
   * @throws NullPointerException if a component other than {@code partitionKey} is null, or a
   *     header or delivery name is
   * @throws IllegalArgumentException if {@code eventType} is blank or {@code version < 1}
   */
  public NewEvent {
    Objects.requireNonNull(id, "id");
    deliveries = List.copyOf(deliveries);
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(data, "data");
    headers = Map.copyOf(headers);
    if (eventType.isBlank()) {
      throw new IllegalArgumentException("eventType must not be blank");
    }
    if (version < 1) {
      throw new IllegalArgumentException("version must be >= 1 but was " + version);
    }
  }

  /**
   * An event no subscription has to complete a delivery of.
   *
   * @param id the event's id, unique per published event
   * @param eventType the type name
   * @param version the schema version of {@code data}, from 1
   * @param timestamp when the bus accepted the event
   * @param partitionKey the ordering key, or {@code null}
   * @param headers string metadata
   * @param data the payload as a tree, as JSON has
   */
  public NewEvent(
      UUID id,
      String eventType,
      int version,
      Instant timestamp,
      @Nullable String partitionKey,
      Map<String, String> headers,
      Map<String, Object> data) {
    this(id, eventType, version, timestamp, partitionKey, headers, data, List.of());
  }

  /**
   * The same event with other data.
   *
   * @param newData the payload tree that replaces {@link #data()}
   * @return a copy of this event with {@code newData}
   */
  public NewEvent withData(Map<String, Object> newData) {
    return new NewEvent(
        id, eventType, version, timestamp, partitionKey, headers, newData, deliveries);
  }

  /**
   * The same event, to be delivered to (and tracked for) the subscriptions named.
   *
   * @param subscriptions the names of the subscriptions that must each complete a delivery
   * @return a copy of this event with those deliveries, replacing its own
   */
  public NewEvent withDeliveries(List<String> subscriptions) {
    return new NewEvent(
        id, eventType, version, timestamp, partitionKey, headers, data, subscriptions);
  }

  /**
   * This event as stored at {@code position}.
   *
   * @param position the position the store assigned
   * @return the stored event, without the deliveries
   */
  public StoredEvent at(long position) {
    return new StoredEvent(
        position, id, eventType, version, timestamp, partitionKey, headers, data);
  }
}
