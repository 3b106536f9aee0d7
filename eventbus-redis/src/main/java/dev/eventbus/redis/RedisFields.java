package dev.eventbus.redis;

import dev.eventbus.transport.MessageFields;

/**
 * The fields of a stream entry the relay appends and the inbound side reads, each a UTF-8 string:
 * the {@link MessageFields} every transport writes, and the payload.
 */
public final class RedisFields {

  /** The event's id, as the route's id function gives it; duplicates are dropped by it. */
  public static final String EVENT_ID = MessageFields.EVENT_ID;

  /** The codec's type name of the event. */
  public static final String EVENT_TYPE = MessageFields.EVENT_TYPE;

  /** The codec's version of the event's data, a decimal integer {@code >= 1}. */
  public static final String EVENT_VERSION = MessageFields.EVENT_VERSION;

  /** The event's partition key, when it has one. */
  public static final String PARTITION_KEY = MessageFields.PARTITION_KEY;

  /**
   * The publisher's trace as W3C Trace Context, when the relay has a {@link
   * dev.eventbus.api.spi.ContextPropagator} and the publisher had a trace; the inbound side (with a
   * propagator) publishes the entry's event in it, so that the handlers there continue the trace.
   */
  public static final String TRACEPARENT = MessageFields.TRACEPARENT;

  /** The W3C {@code tracestate} that goes with {@link #TRACEPARENT}, when there is one. */
  public static final String TRACESTATE = MessageFields.TRACESTATE;

  /** The codec's data as JSON. */
  public static final String PAYLOAD = "eventbus-payload";

  private RedisFields() {}
}
