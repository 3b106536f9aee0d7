package dev.eventbus.api.spi;

import java.util.Map;
import java.util.Objects;

/**
 * The state of one aggregate or projection at one position of the event log, so that a rebuild can
 * start there instead of at position 0.
 *
 * @param key what the state belongs to (an aggregate id, a projection name)
 * @param stateType the type name of the state's shape, for upcasting
 * @param version the schema version of {@code state}
 * @param position the last event position the state includes
 * @param state the state as a serialised tree (see {@link StoredEvent#data()})
 * @since 0.1
 */
public record Snapshot(
    String key, String stateType, int version, long position, Map<String, Object> state) {

  /**
   * Validates the fields.
   *
   * @param key what the state belongs to (an aggregate id, a projection name)
   * @param stateType the type name of the state's shape, for upcasting
   * @param version the schema version of {@code state}
   * @param position the last event position the state includes
   * @param state the state as a serialised tree (see {@link StoredEvent#data()})
   * @throws NullPointerException if {@code key}, {@code stateType} or {@code state} is null
   * @throws IllegalArgumentException if {@code version < 1} or {@code position < 0}
   */
  public Snapshot {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(stateType, "stateType");
    Objects.requireNonNull(state, "state");
    if (version < 1) {
      throw new IllegalArgumentException("version must be >= 1 but was " + version);
    }
    if (position < 0) {
      throw new IllegalArgumentException("position must be >= 0 but was " + position);
    }
  }
}
