package dev.eventbus.processors.durable;

import dev.eventbus.api.spi.EventCodec;
import dev.eventbus.api.spi.UnreadableEventException;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;

/** A hand-written codec for tests: each type registered with its two conversion functions. */
public final class MapCodec implements EventCodec {

  private record Entry<E>(
      String type,
      Class<E> eventClass,
      int version,
      Function<E, Map<String, Object>> toData,
      Function<Map<String, Object>, E> fromData) {}

  private final Map<Class<?>, Entry<?>> byClass = new HashMap<>();
  private final Map<String, Entry<?>> byType = new HashMap<>();

  public <E> MapCodec register(
      String type,
      Class<E> eventClass,
      int version,
      Function<E, Map<String, Object>> toData,
      Function<Map<String, Object>, E> fromData) {
    Entry<E> entry = new Entry<>(type, eventClass, version, toData, fromData);
    byClass.put(eventClass, entry);
    byType.put(type, entry);
    return this;
  }

  @Override
  public EncodedEvent encode(Object event) {
    Entry<?> entry = byClass.get(event.getClass());
    if (entry == null) {
      throw new IllegalArgumentException("unknown event class " + event.getClass().getName());
    }
    return encode(entry, event);
  }

  private static <E> EncodedEvent encode(Entry<E> entry, Object event) {
    return new EncodedEvent(
        entry.type(), entry.version(), entry.toData().apply(entry.eventClass().cast(event)));
  }

  @Override
  public OptionalInt currentVersion(String eventType) {
    Entry<?> entry = byType.get(eventType);
    return entry == null ? OptionalInt.empty() : OptionalInt.of(entry.version());
  }

  @Override
  public Object decode(String eventType, int version, Map<String, Object> data) {
    Entry<?> entry = byType.get(eventType);
    if (entry == null) {
      throw new UnreadableEventException(eventType, version, "unknown type " + eventType, null);
    }
    try {
      return entry.fromData().apply(data);
    } catch (RuntimeException e) {
      throw new UnreadableEventException(
          eventType, version, "data does not fit " + eventType + ": " + e, e);
    }
  }
}
