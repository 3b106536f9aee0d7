package dev.eventbus.api.spi;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Turns events into the tree form an {@link EventStore} keeps, and back. The bus encodes each event
 * it stores; on every read path (replay, redelivery, dead letters) it upcasts a stored record to
 * the codec's {@link #currentVersion(String) current version} with the {@link EventUpcaster}s and
 * then decodes it.
 *
 * @since 0.1
 */
public interface EventCodec {

  /**
   * The stored form of an event.
   *
   * @param event an event of a class the codec knows
   * @return its type name, current version and data tree
   * @throws IllegalArgumentException if the event's class is not known to the codec, or the event
   *     states a type name or version other than the one registered for its class
   */
  EncodedEvent encode(Object event);

  /**
   * The version {@link #encode(Object)} writes for a type name, or empty if the type is unknown.
   *
   * @param eventType a type name
   * @return the current version, at least 1, or empty if the codec does not know the type
   */
  OptionalInt currentVersion(String eventType);

  /**
   * The event a stored record holds, given its data in the {@link #currentVersion(String) current
   * version}.
   *
   * @param eventType the record's type name
   * @param version the version of {@code data}, the current one after upcasting
   * @param data the payload tree
   * @return the event object
   * @throws UnreadableEventException if the type is unknown or the data does not fit its class; the
   *     message names the type and version
   */
  Object decode(String eventType, int version, Map<String, Object> data);

  /**
   * An event in stored form.
   *
   * @param eventType the type name
   * @param version the schema version of {@code data}
   * @param data the payload tree
   */
  record EncodedEvent(String eventType, int version, Map<String, Object> data) {

    /**
     * Validates the fields.
     *
     * @param eventType the type name
     * @param version the schema version of {@code data}
     * @param data the payload tree
     * @throws NullPointerException if {@code eventType} or {@code data} is null
     * @throws IllegalArgumentException if {@code version < 1}
     */
    public EncodedEvent {
      Objects.requireNonNull(eventType, "eventType");
      Objects.requireNonNull(data, "data");
      if (version < 1) {
        throw new IllegalArgumentException("version must be >= 1 but was " + version);
      }
    }
  }
}
