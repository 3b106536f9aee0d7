package dev.eventbus.kafka;

import dev.eventbus.api.spi.ContextPropagator;

/**
 * The record headers the relay writes and the inbound side reads, each a UTF-8 string. The record
 * key is the event's partition key (none: no key); the value is the codec's data as JSON.
 */
public final class KafkaHeaders {

  /** The event's id, as the route's id function gives it; duplicates are dropped by it. */
  public static final String EVENT_ID = "eventbus-event-id";

  /** The codec's type name of the event. */
  public static final String EVENT_TYPE = "eventbus-event-type";

  /** The codec's version of the event's data, a decimal integer {@code >= 1}. */
  public static final String EVENT_VERSION = "eventbus-event-version";

  /** The event's partition key, when it has one (also the record key). */
  public static final String PARTITION_KEY = "eventbus-partition-key";

  /**
   * The publisher's trace as W3C Trace Context, when the relay has a {@link
   * dev.eventbus.api.spi.ContextPropagator} and the publisher had a trace; the inbound side (with a
   * propagator) publishes the record's event in it, so that the handlers there continue the trace.
   */
  public static final String TRACEPARENT = ContextPropagator.TRACEPARENT;

  /** The W3C {@code tracestate} that goes with {@link #TRACEPARENT}, when there is one. */
  public static final String TRACESTATE = ContextPropagator.TRACESTATE;

  private KafkaHeaders() {}
}
