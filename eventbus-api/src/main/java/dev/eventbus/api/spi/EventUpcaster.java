package dev.eventbus.api.spi;

import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

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

  /** {@return the type name this upcaster reads} */
  String eventType();

  /** {@return the version it reads; it produces {@code fromVersion() + 1}} */
  int fromVersion();

  /**
   * Reshapes the data.
   *
   * @param data the payload tree at {@link #fromVersion()}; not to be modified
   * @return the payload tree at {@code fromVersion() + 1}
   */
  Map<String, Object> upcast(Map<String, Object> data);

  /**
   * An upcaster from a function.
   *
   * @param eventType the type name it reads
   * @param fromVersion the version it reads
   * @param step reshapes the data at {@code fromVersion} into {@code fromVersion + 1}
   * @return an upcaster that applies {@code step}
   * @throws NullPointerException if {@code eventType} or {@code step} is null
   */
  static EventUpcaster of(
      String eventType, int fromVersion, UnaryOperator<Map<String, Object>> step) {
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(step, "step");
    return new EventUpcaster() {
      @Override
      public String eventType() {
        return eventType;
      }

      @Override
      public int fromVersion() {
        return fromVersion;
      }

      @Override
      public Map<String, Object> upcast(Map<String, Object> data) {
        return step.apply(data);
      }

      @Override
      public String toString() {
        return "EventUpcaster["
            + eventType
            + " v"
            + fromVersion
            + " -> v"
            + (fromVersion + 1)
            + "]";
      }
    };
  }
}
