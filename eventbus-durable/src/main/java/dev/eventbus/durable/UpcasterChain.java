package dev.eventbus.durable;

import dev.eventbus.api.spi.EventUpcaster;
import dev.eventbus.api.spi.StoredEvent;
import dev.eventbus.api.spi.UnreadableEventException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Brings stored events of old versions to the current one, one {@link EventUpcaster} step at a time
 * ({@code v1 -> v2 -> v3}). Immutable and thread-safe.
 *
 * <p>A missing step, a stored version newer than the target, an upcaster that throws or returns
 * {@code null}: each is an {@link UnreadableEventException} whose message names the type, the
 * version and the position.
 */
public final class UpcasterChain {

  private static final UpcasterChain EMPTY = new UpcasterChain(Map.of());

  private final Map<Step, EventUpcaster> steps;

  private UpcasterChain(Map<Step, EventUpcaster> steps) {
    this.steps = steps;
  }

  /** {@return a chain with no upcasters: every event must already be at its target version} */
  public static UpcasterChain empty() {
    return EMPTY;
  }

  /**
   * A chain of upcasters.
   *
   * @param upcasters the upcasters, in any order
   * @return a chain that steps each type from version to version through them
   * @throws IllegalArgumentException if two upcasters read the same type and version, or one reads
   *     a version below 1
   */
  public static UpcasterChain of(List<? extends EventUpcaster> upcasters) {
    Map<Step, EventUpcaster> steps = new HashMap<>();
    for (EventUpcaster upcaster : upcasters) {
      Objects.requireNonNull(upcaster, "upcaster");
      String type = Objects.requireNonNull(upcaster.eventType(), "eventType");
      int from = upcaster.fromVersion();
      if (from < 1) {
        throw new IllegalArgumentException(
            "upcaster "
                + describe(upcaster)
                + " reads version "
                + from
                + " of "
                + type
                + "; versions start at 1");
      }
      EventUpcaster previous = steps.put(new Step(type, from), upcaster);
      if (previous != null) {
        throw new IllegalArgumentException(
            "two upcasters read version "
                + from
                + " of "
                + type
                + ": "
                + describe(previous)
                + " and "
                + describe(upcaster));
      }
    }
    return new UpcasterChain(Map.copyOf(steps));
  }

  /**
   * The event at {@code targetVersion}: itself if it is there already.
   *
   * @param event a stored event
   * @param targetVersion the version to bring it to
   * @return the event at {@code targetVersion}
   * @throws UnreadableEventException if it cannot get there
   */
  public StoredEvent upcast(StoredEvent event, int targetVersion) {
    Objects.requireNonNull(event, "event");
    if (event.version() == targetVersion) {
      return event;
    }
    Map<String, Object> data =
        upcast(
            event.eventType(),
            event.version(),
            event.data(),
            targetVersion,
            "the event at position " + event.position());
    return event.withData(targetVersion, data);
  }

  /**
   * A tree of {@code type} at {@code version} brought to {@code targetVersion}: the payload of an
   * event, or the state of a snapshot (whose state type is the type name its upcasters read).
   *
   * @param where names the record in error messages, e.g. "the snapshot orders"
   * @param type the type name whose upcasters apply
   * @param version the version of {@code data}
   * @param data the tree to reshape
   * @param targetVersion the version to bring it to
   * @return the tree at {@code targetVersion}
   * @throws UnreadableEventException if it cannot get there
   */
  public Map<String, Object> upcast(
      String type, int version, Map<String, Object> data, int targetVersion, String where) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(data, "data");
    if (version > targetVersion) {
      throw new UnreadableEventException(
          type,
          version,
          "version "
              + version
              + " of "
              + type
              + " ("
              + where
              + ") is newer than the current version "
              + targetVersion,
          null);
    }
    Map<String, Object> current = data;
    for (int v = version; v < targetVersion; v++) {
      EventUpcaster step = steps.get(new Step(type, v));
      if (step == null) {
        throw new UnreadableEventException(
            type,
            v,
            "no upcaster from version "
                + v
                + " of "
                + type
                + " (current version "
                + targetVersion
                + ") for "
                + where,
            null);
      }
      try {
        current = step.upcast(current);
      } catch (RuntimeException e) {
        throw new UnreadableEventException(
            type,
            v,
            "upcaster "
                + describe(step)
                + " failed on version "
                + v
                + " of "
                + type
                + " ("
                + where
                + "): "
                + e,
            e);
      }
      if (current == null) {
        throw new UnreadableEventException(
            type,
            v,
            "upcaster "
                + describe(step)
                + " returned null for version "
                + v
                + " of "
                + type
                + " ("
                + where
                + ")",
            null);
      }
    }
    return current;
  }

  /** An upcaster for messages: its class, or what {@link EventUpcaster#of} made says it is. */
  private static String describe(EventUpcaster upcaster) {
    Class<?> type = upcaster.getClass();
    return type.isAnonymousClass() && type.getEnclosingClass() == EventUpcaster.class
        ? upcaster.toString()
        : type.getName();
  }

  private record Step(String eventType, int fromVersion) {}
}
