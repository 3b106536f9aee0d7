package dev.eventbus.transport;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A message as a transport received it, before decoding: its place, its {@link MessageFields} (any
 * of them may be missing) and its payload.
 *
 * @param where the message's place, for reasons and logs (Kafka: {@code topic-partition@offset};
 *     Redis: {@code stream@entry-id})
 * @param position the message's position on its channel, {@code >= 1}: the dead letter's position
 *     and the decoded event's stored position
 * @param timestamp when the message was written
 * @param fields gives the value of a {@link MessageFields} name, or null if missing
 * @param payload the payload, if any
 */
public record InboundMessage(
    String where, long position, Instant timestamp, FieldSource fields, byte @Nullable [] payload) {
  /**
   * Checks the parts.
   *
   * @param where see the record
   * @param position see the record
   * @param timestamp see the record
   * @param fields see the record
   * @param payload see the record
   * @throws IllegalArgumentException if {@code position < 1}
   */
  public InboundMessage {
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(fields, "fields");
    if (position < 1) {
      throw new IllegalArgumentException("position must be >= 1 but was " + position);
    }
  }

  /** Where a message's metadata comes from. */
  @FunctionalInterface
  public interface FieldSource {

    /**
     * A field's value.
     *
     * @param name one of the {@link MessageFields}
     * @return its value, or null if the message has none
     */
    @Nullable String get(String name);
  }

  /**
   * The words a transport's reasons use.
   *
   * @param message what a message is called ({@code record}, {@code entry})
   * @param field what a metadata field is called ({@code header}, {@code field})
   * @param payload what the payload is called ({@code value}, {@code payload})
   */
  public record Words(String message, String field, String payload) {
    /**
     * Checks the parts.
     *
     * @param message see the record
     * @param field see the record
     * @param payload see the record
     */
    public Words {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(payload, "payload");
    }
  }
}
