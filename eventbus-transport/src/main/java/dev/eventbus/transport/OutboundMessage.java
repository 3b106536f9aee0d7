package dev.eventbus.transport;

import dev.eventbus.api.DomainEvent;
import dev.eventbus.api.spi.EventCodec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One event as a transport sends it: the {@link MessageFields} and the JSON payload.
 *
 * @param eventId the event's id, not blank
 * @param eventType the codec's type name
 * @param version the codec's version of the data
 * @param partitionKey the event's partition key, if any
 * @param traceparent the W3C trace context, if any
 * @param payload the codec's data as JSON
 */
public record OutboundMessage(
    String eventId,
    String eventType,
    int version,
    @Nullable String partitionKey,
    @Nullable String traceparent,
    byte[] payload) {
  /**
   * Checks the parts.
   *
   * @param eventId see the record
   * @param eventType see the record
   * @param version see the record
   * @param partitionKey see the record
   * @param traceparent see the record
   * @param payload see the record
   */
  public OutboundMessage {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(payload, "payload");
  }

  /**
   * Encodes an event.
   *
   * @param event the event
   * @param eventId its id (the caller checked it is not blank)
   * @param codec encodes its data
   * @param traceContext gives the event's W3C {@code traceparent}, or null for none
   * @return the message
   */
  public static OutboundMessage encode(
      Object event,
      String eventId,
      EventCodec codec,
      Function<Object, @Nullable String> traceContext) {
    EventCodec.EncodedEvent encoded = codec.encode(event);
    return new OutboundMessage(
        eventId,
        encoded.eventType(),
        encoded.version(),
        DomainEvent.partitionKeyOf(event),
        traceContext.apply(event),
        JsonPayload.write(encoded.data()));
  }

  /**
   * The metadata, in a stable order: id, type, version, then partition key and trace context when
   * present.
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
    if (traceparent != null) {
      fields.put(MessageFields.TRACEPARENT, traceparent);
    }
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
