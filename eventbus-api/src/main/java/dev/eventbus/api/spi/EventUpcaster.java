package dev.eventbus.api.spi;

import java.util.Map;

/**
 * Turns the serialised form of one event type from one version into the next: {@code v -> v+1}. The
 * bus chains upcasters ({@code v1 -> v2 -> v3}) on every path that reads stored events, so handlers
 * only ever see the current shape.
 *
 * <p>Implementations are pure functions: no side effects, same output for the same input.
 *
 * @since 0.1
 */
public interface EventUpcaster {

  /** The type name this upcaster reads. */
  String eventType();

  /** The version it reads; it produces {@code fromVersion() + 1}. */
  int fromVersion();

  /**
   * Reshapes the data.
   *
   * @param data the payload tree at {@link #fromVersion()}; not to be modified
   * @return the payload tree at {@code fromVersion() + 1}
   */
  Map<String, Object> upcast(Map<String, Object> data);
}
