package dev.eventbus.core.store;

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

  /** A chain with no upcasters: every event must already be at its target version. */
  public static UpcasterChain empty() {
    return EMPTY;
  }

  /**
   * A chain of upcasters.
   *
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
                + upcaster.getClass().getName()
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
                + previous.getClass().getName()
                + " and "
                + upcaster.getClass().getName());
      }
    }
    return new UpcasterChain(Map.copyOf(steps));
  }

  /**
   * The event at {@code targetVersion}: itself if it is there already.
   *
   * @throws UnreadableEventException if it cannot get there
   */
  public StoredEvent upcast(StoredEvent event, int targetVersion) {
    Objects.requireNonNull(event, "event");
    String type = event.eventType();
    int version = event.version();
    if (version > targetVersion) {
      throw new UnreadableEventException(
          type,
          version,
          "version "
              + version
              + " of "
              + type
              + " at position "
              + event.position()
              + " is newer than the current version "
              + targetVersion,
          null);
    }
    StoredEvent current = event;
    while (version < targetVersion) {
      EventUpcaster step = steps.get(new Step(type, version));
      if (step == null) {
        throw new UnreadableEventException(
            type,
            version,
            "no upcaster from version "
                + version
                + " of "
                + type
                + " (current version "
                + targetVersion
                + ") for the event at position "
                + event.position(),
            null);
      }
      Map<String, Object> data;
      try {
        data = step.upcast(current.data());
      } catch (RuntimeException e) {
        throw new UnreadableEventException(
            type,
            version,
            "upcaster "
                + step.getClass().getName()
                + " failed on version "
                + version
                + " of "
                + type
                + " at position "
                + event.position()
                + ": "
                + e,
            e);
      }
      if (data == null) {
        throw new UnreadableEventException(
            type,
            version,
            "upcaster "
                + step.getClass().getName()
                + " returned null for version "
                + version
                + " of "
                + type
                + " at position "
                + event.position(),
            null);
      }
      version++;
      current = current.withData(version, data);
    }
    return current;
  }

  private record Step(String eventType, int fromVersion) {}
}
