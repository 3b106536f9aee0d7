package dev.eventbus.api.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored record set aside because it cannot be read or delivered: its data does not parse, or its
 * type or version is unknown to the reader. It is kept, with the reason, and left out of every read
 * of the {@link EventStore}; nothing is dropped.
 *
 * @param position the record's position
 * @param eventType its type name as stored, or empty if even that could not be read
 * @param version its version as stored, or 0 if that could not be read
 * @param reason why it was set aside, naming what was wrong
 * @param quarantinedAt when it was set aside
 * @param raw the record's stored data as text, for a person to inspect
 * @since 0.1
 */
public record QuarantinedEvent(
    long position,
    String eventType,
    int version,
    String reason,
    Instant quarantinedAt,
    String raw) {

  /**
   * Validates the fields.
   *
   * @param position the record's position
   * @param eventType its type name as stored, or empty if even that could not be read
   * @param version its version as stored, or 0 if that could not be read
   * @param reason why it was set aside, naming what was wrong
   * @param quarantinedAt when it was set aside
   * @param raw the record's stored data as text, for a person to inspect
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if {@code position < 1}
   */
  public QuarantinedEvent {
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(quarantinedAt, "quarantinedAt");
    Objects.requireNonNull(raw, "raw");
    if (position < 1) {
      throw new IllegalArgumentException("position must be >= 1 but was " + position);
    }
  }
}
