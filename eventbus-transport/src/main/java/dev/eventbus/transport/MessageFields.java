package dev.eventbus.transport;

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
   * The W3C trace context of the publish, when the relay's trace-context function gives one; the
   * receiving side keeps it in the decoded event's headers under the same name.
   */
  public static final String TRACEPARENT = "traceparent";

  private MessageFields() {}
}
