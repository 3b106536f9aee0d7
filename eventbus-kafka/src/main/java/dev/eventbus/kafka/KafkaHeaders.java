package dev.eventbus.kafka;

import dev.eventbus.transport.MessageFields;

/**
 * The record headers the relay writes and the inbound side reads, each a UTF-8 string. The record
 * key is the event's partition key (none: no key); the value is the codec's data as JSON. The names
 * are the {@link MessageFields} every transport uses.
 */
public final class KafkaHeaders {

  /** The event's id, as the route's id function gives it; duplicates are dropped by it. */
  public static final String EVENT_ID = MessageFields.EVENT_ID;

  /** The codec's type name of the event. */
  public static final String EVENT_TYPE = MessageFields.EVENT_TYPE;

  /** The codec's version of the event's data, a decimal integer {@code >= 1}. */
  public static final String EVENT_VERSION = MessageFields.EVENT_VERSION;

  /** The event's partition key, when it has one (also the record key). */
  public static final String PARTITION_KEY = MessageFields.PARTITION_KEY;

  /**
   * The publisher's trace as W3C Trace Context, when the relay has a {@link
   * dev.eventbus.api.spi.ContextPropagator} and the publisher had a trace; the inbound side (with a
   * propagator) publishes the record's event in it, so that the handlers there continue the trace.
   */
  public static final String TRACEPARENT = MessageFields.TRACEPARENT;

  /** The W3C {@code tracestate} that goes with {@link #TRACEPARENT}, when there is one. */
  public static final String TRACESTATE = MessageFields.TRACESTATE;

  private KafkaHeaders() {}
}
