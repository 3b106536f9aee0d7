package dev.eventbus.transport;

import dev.eventbus.api.DomainEvent;
import dev.eventbus.api.spi.ContextPropagator;
import dev.eventbus.api.spi.EventCodec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One event as a transport sends it: the {@link MessageFields} and the JSON payload.
 *
 * @param eventId the event's id, not blank
 * @param eventType the codec's type name
 * @param version the codec's version of the data
 * @param partitionKey the event's partition key, if any
 * @param trace the publisher's trace as W3C fields ({@link TraceFields#capture}), empty for none
 * @param payload the codec's data as JSON
 */
public record OutboundMessage(
    String eventId,
    String eventType,
    int version,
    @Nullable String partitionKey,
    Map<String, String> trace,
    byte[] payload) {
  /**
   * Checks the parts.
   *
   * @param eventId see the record
   * @param eventType see the record
   * @param version see the record
   * @param partitionKey see the record
   * @param trace see the record
   * @param payload see the record
   */
  public OutboundMessage {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(payload, "payload");
    trace = Collections.unmodifiableMap(new LinkedHashMap<>(trace));
  }

  /**
   * Encodes an event, with the trace current on the calling thread (a relay's handler, in the
   * publisher's context the bus restored).
   *
   * @param event the event
   * @param eventId its id (the caller checked it is not blank)
   * @param codec encodes its data
   * @param propagator the bus's propagator, or null to carry no trace
   * @return the message
   */
  public static OutboundMessage encode(
      Object event, String eventId, EventCodec codec, @Nullable ContextPropagator propagator) {
    return encodeWithTrace(event, eventId, codec, TraceFields.capture(propagator));
  }

  /**
   * Encodes an event with a trace captured before ({@link TraceFields#capture}).
   *
   * @param event the event
   * @param eventId its id (the caller checked it is not blank)
   * @param codec encodes its data
   * @param trace the W3C fields of its publisher's trace, empty for none
   * @return the message
   */
  public static OutboundMessage encodeWithTrace(
      Object event, String eventId, EventCodec codec, Map<String, String> trace) {
    EventCodec.EncodedEvent encoded = codec.encode(event);
    return new OutboundMessage(
        eventId,
        encoded.eventType(),
        encoded.version(),
        DomainEvent.partitionKeyOf(event),
        trace,
        JsonPayload.write(encoded.data()));
  }

  /**
   * The metadata, in a stable order: id, type, version, then partition key and the trace fields
   * when present.
   *
   * @return field name to value
   */
  public Map<String, String> fields() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(MessageFields.EVENT_ID, eventId);
    fields.put(MessageFields.EVENT_TYPE, eventType);
    fields.put(MessageFields.EVENT_VERSION, Integer.toString(version));
    if (partitionKey != null) {
      fields.put(MessageFields.PARTITION_KEY, partitionKey);
    }
    fields.putAll(trace);
    return fields;
  }

  /**
   * What the message is, for error messages.
   *
   * @return {@code event <id> (<type>)}
   */
  public String describe() {
    return "event " + eventId + " (" + eventType + ")";
  }
}
