package dev.eventbus.kafka;

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

  private KafkaHeaders() {}
}
