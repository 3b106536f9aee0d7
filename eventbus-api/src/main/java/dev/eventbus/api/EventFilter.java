package dev.eventbus.api;

import java.util.Objects;

/**
 * Decides whether an event reaches a handler. A bus-wide filter sees every published event; a
 * subscription's filter sees the events of that subscription's type. A rejected event is counted as
 * filtered, not as failed. A filter that throws is a failed delivery, reported like a handler
 * failure.
 *
 * <p>Filters run on the thread that delivers the event and must be thread-safe and quick.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface EventFilter {

  /** {@code true} to let the event through. */
  boolean accept(Object event);

  /** A filter that lets an event through only when this one and {@code other} both do. */
  default EventFilter and(EventFilter other) {
    Objects.requireNonNull(other, "other");
    return event -> accept(event) && other.accept(event);
  }

  /** A filter that lets an event through when this one or {@code other} does. */
  default EventFilter or(EventFilter other) {
    Objects.requireNonNull(other, "other");
    return event -> accept(event) || other.accept(event);
  }

  /** A filter that lets through exactly what this one rejects. */
  default EventFilter negate() {
    return event -> !accept(event);
  }

  /** A filter that lets every event through. */
  static EventFilter acceptAll() {
    return event -> true;
  }
}
