package dev.eventbus.api.spi;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An event as an {@link EventStore} holds it: its envelope metadata, its global position and its
 * payload in a serialised tree form (maps with string keys, lists, strings, numbers, booleans and
 * nulls, as JSON has), so that {@link EventUpcaster}s can reshape old versions.
 *
 * @param position the global position, from 1, strictly increasing in append order
 * @param id the event's id, unique per published event and kept by redeliveries
 * @param eventType the type name
 * @param version the schema version of {@code data}
 * @param timestamp when the bus accepted the event
 * @param partitionKey the ordering key, or {@code null}
 * @param headers string metadata
 * @param data the payload tree
 * @since 0.1
 */
public record StoredEvent(
    long position,
    UUID id,
    String eventType,
    int version,
    Instant timestamp,
    @Nullable String partitionKey,
    Map<String, String> headers,
    Map<String, Object> data) {

  /**
   * Validates the fields and copies the headers.
   *
   * @param position the global position, from 1, strictly increasing in append order
   * @param id the event's id, unique per published event and kept by redeliveries
   * @param eventType the type name
   * @param version the schema version of {@code data}
   * @param timestamp when the bus accepted the event
   * @param partitionKey the ordering key, or {@code null}
   * @param headers string metadata
   * @param data the payload tree
   * @throws NullPointerException if a component other than {@code partitionKey} is null, or a
   *     header is
   * @throws IllegalArgumentException if {@code position < 1} or {@code version < 1}
   */
  public StoredEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(data, "data");
    headers = Map.copyOf(headers);
    if (position < 1) {
      throw new IllegalArgumentException("position must be >= 1 but was " + position);
    }
    if (version < 1) {
      throw new IllegalArgumentException("version must be >= 1 but was " + version);
    }
  }

  /**
   * The same event with another version and data, as an upcaster produces it.
   *
   * @param newVersion the version of {@code newData}, at least 1
   * @param newData the reshaped payload tree
   * @return a copy of this event with that version and data
   * @throws IllegalArgumentException if {@code newVersion < 1}
   */
  public StoredEvent withData(int newVersion, Map<String, Object> newData) {
    return new StoredEvent(
        position, id, eventType, newVersion, timestamp, partitionKey, headers, newData);
  }
}
