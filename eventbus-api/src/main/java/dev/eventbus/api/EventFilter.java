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

  /**
   * Decides about one event.
   *
   * @param event the event about to be delivered
   * @return {@code true} to let the event through, {@code false} to skip it (counted as filtered)
   */
  boolean accept(Object event);

  /**
   * A filter that lets an event through only when this one and {@code other} both do.
   *
   * @param other the filter asked when this one lets the event through
   * @return the conjunction, which asks {@code other} only if this one accepts
   * @throws NullPointerException if {@code other} is null
   */
  default EventFilter and(EventFilter other) {
    Objects.requireNonNull(other, "other");
    return event -> accept(event) && other.accept(event);
  }

  /**
   * A filter that lets an event through when this one or {@code other} does.
   *
   * @param other the filter asked when this one rejects the event
   * @return the disjunction, which asks {@code other} only if this one rejects
   * @throws NullPointerException if {@code other} is null
   */
  default EventFilter or(EventFilter other) {
    Objects.requireNonNull(other, "other");
    return event -> accept(event) || other.accept(event);
  }

  /** {@return a filter that lets through exactly what this one rejects} */
  default EventFilter negate() {
    return event -> !accept(event);
  }

  /** {@return a filter that lets every event through} */
  static EventFilter acceptAll() {
    return event -> true;
  }
}
