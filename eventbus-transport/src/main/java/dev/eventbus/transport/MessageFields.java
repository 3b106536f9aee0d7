package dev.eventbus.transport;

import dev.eventbus.api.spi.ContextPropagator;

/**
 * The names of the metadata every transport writes beside a message's payload (Kafka: record
 * headers; Redis Streams: entry fields), each a UTF-8 string.
 */
public final class MessageFields {

  /** The event's id, as the route's id function gives it; duplicates are dropped by it. */
  public static final String EVENT_ID = "eventbus-event-id";

  /** The codec's type name of the event. */
  public static final String EVENT_TYPE = "eventbus-event-type";

  /** The codec's version of the event's data, a decimal integer {@code >= 1}. */
  public static final String EVENT_VERSION = "eventbus-event-version";

  /** The event's partition key, when it has one. */
  public static final String PARTITION_KEY = "eventbus-partition-key";

  /**
   * The publisher's trace as W3C Trace Context, when the relay has a {@link ContextPropagator} and
   * the publisher had a trace ({@link TraceFields}); the receiving side publishes the event in it
   * and keeps it in the decoded event's headers under the same name.
   */
  public static final String TRACEPARENT = ContextPropagator.TRACEPARENT;

  /** The W3C {@code tracestate} that goes with {@link #TRACEPARENT}, when there is one. */
  public static final String TRACESTATE = ContextPropagator.TRACESTATE;

  private MessageFields() {}
}
