package dev.eventbus.codec.jackson;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.eventbus.api.DomainEvent;
import dev.eventbus.api.spi.EventCodec;
import dev.eventbus.api.spi.UnreadableEventException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * An {@link EventCodec} on Jackson. Each event class is registered with the type name it is stored
 * under and its current version; records, beans and anything else Jackson binds work, and {@code
 * java.time} values are written as ISO-8601 strings. Reading is strict: a property the class does
 * not have makes the record unreadable (so the bus quarantines it) instead of being ignored, which
 * would hide a missing upcaster.
 *
 * <pre>{@code
 * EventCodec codec = JacksonEventCodec.builder()
 *     .register(OrderPlaced.class, "order.placed", 3)
 *     .register(OrderShipped.class, "order.shipped", 1)
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class JacksonEventCodec implements EventCodec {

  private static final TypeReference<LinkedHashMap<String, Object>> TREE = new TypeReference<>() {};

  private final ObjectMapper mapper;
  private final Map<Class<?>, Registration> byClass;
  private final Map<String, Registration> byType;

  private JacksonEventCodec(Builder builder) {
    this.mapper = builder.mapper;
    this.byClass = Map.copyOf(builder.byClass);
    this.byType = Map.copyOf(builder.byType);
  }

  /**
   * A builder with a default {@link ObjectMapper} (Java time as ISO-8601 strings).
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public EncodedEvent encode(Object event) {
    Objects.requireNonNull(event, "event");
    Registration registration = byClass.get(event.getClass());
    if (registration == null) {
      throw new IllegalArgumentException(
          "no type name registered for "
              + event.getClass().getName()
              + ": register it with JacksonEventCodec.builder().register(...)");
    }
    if (event instanceof DomainEvent domain) {
      if (!domain.eventType().equals(registration.type)) {
        throw new IllegalArgumentException(
            event.getClass().getName()
                + " is registered as "
                + registration.type
                + " but says its type is "
                + domain.eventType());
      }
      if (domain.version() != registration.version) {
        throw new IllegalArgumentException(
            event.getClass().getName()
                + " is registered at version "
                + registration.version
                + " but says its version is "
                + domain.version());
      }
    }
    Map<String, Object> data;
    try {
      data = mapper.convertValue(event, TREE);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cannot write " + event.getClass().getName() + " as JSON: " + e.getMessage(), e);
    }
    return new EncodedEvent(registration.type, registration.version, data);
  }

  @Override
  public OptionalInt currentVersion(String eventType) {
    Registration registration = byType.get(Objects.requireNonNull(eventType, "eventType"));
    return registration == null ? OptionalInt.empty() : OptionalInt.of(registration.version);
  }

  @Override
  public Object decode(String eventType, int version, Map<String, Object> data) {
    Objects.requireNonNull(data, "data");
    Registration registration = byType.get(Objects.requireNonNull(eventType, "eventType"));
    if (registration == null) {
      throw new UnreadableEventException(
          eventType,
          version,
          "unknown event type " + eventType + " (version " + version + ")",
          null);
    }
    if (version != registration.version) {
      throw new UnreadableEventException(
          eventType,
          version,
          "version "
              + version
              + " of "
              + eventType
              + " is not the current version "
              + registration.version
              + "; upcast it first",
          null);
    }
    try {
      return mapper.convertValue(data, registration.eventClass);
    } catch (IllegalArgumentException e) {
      throw new UnreadableEventException(
          eventType,
          version,
          "version "
              + version
              + " of "
              + eventType
              + " does not fit "
              + registration.eventClass.getName()
              + ": "
              + firstLine(e.getMessage()),
          e);
    }
  }

  private static String firstLine(@Nullable String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private record Registration(Class<?> eventClass, String type, int version) {}

  /** Builds a {@link JacksonEventCodec}. Not thread-safe. */
  public static final class Builder {
    private ObjectMapper mapper =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Map<Class<?>, Registration> byClass = new HashMap<>();
    private final Map<String, Registration> byType = new HashMap<>();

    private Builder() {}

    /**
     * Uses {@code mapper} instead of the default; the codec never changes its configuration, so the
     * caller must not either once the codec is built.
     *
     * @param mapper the mapper to use
     * @return this builder
     */
    public Builder objectMapper(ObjectMapper mapper) {
      this.mapper = Objects.requireNonNull(mapper, "mapper");
      return this;
    }

    /**
     * Registers an event class.
     *
     * @param eventClass the concrete class events are instances of
     * @param type the type name it is stored under
     * @param version its current version, from 1
     * @return this builder
     * @throws IllegalArgumentException if the class or the type name is registered already, the
     *     name is blank or the version below 1
     */
    public Builder register(Class<?> eventClass, String type, int version) {
      Objects.requireNonNull(eventClass, "eventClass");
      Objects.requireNonNull(type, "type");
      if (type.isBlank()) {
        throw new IllegalArgumentException("type must not be blank");
      }
      if (version < 1) {
        throw new IllegalArgumentException("version must be >= 1 but was " + version);
      }
      if (byClass.containsKey(eventClass)) {
        throw new IllegalArgumentException(eventClass.getName() + " is registered already");
      }
      if (byType.containsKey(type)) {
        throw new IllegalArgumentException(
            "type "
                + type
                + " is registered already, for "
                + byType.get(type).eventClass.getName());
      }
      Registration registration = new Registration(eventClass, type, version);
      byClass.put(eventClass, registration);
      byType.put(type, registration);
      return this;
    }

    /**
     * Builds the codec.
     *
     * @return the codec
     */
    public JacksonEventCodec build() {
      return new JacksonEventCodec(this);
    }
  }
}
