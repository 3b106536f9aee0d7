package dev.eventbus.api;

import org.jspecify.annotations.Nullable;

/**
 * An event that names its own type, schema version, partition key and priority. Implementing it is
 * optional: the bus accepts any object as an event, and gives a plain object the type name of its
 * class ({@link Class#getName()}), version 1, no partition key and {@link EventPriority#NORMAL}.
 *
 * <p>The type name is what string-typed subscriptions match ({@link
 * UnifiedEventBus#subscribe(String, EventHandler, SubscriptionOptions)}); class-typed subscriptions
 * match by {@code instanceof}, whatever the type name.
 *
 * <p>Implementations should be immutable: an event may be read by several handlers on several
 * threads at once.
 *
 * @since 0.1
 */
public interface DomainEvent {

  /**
   * The event's type name, for example {@code "order.placed"}. Must not be null, empty or {@code
   * "*"} (which stands for every type in subscriptions).
   *
   * @return the type name, neither empty nor {@code "*"}
   */
  String eventType();

  /**
   * The schema version of this event's shape; starts at 1 and grows as the shape evolves.
   *
   * @return the version, at least 1; 1 unless overridden
   */
  default int version() {
    return 1;
  }

  /**
   * The key that orders asynchronous delivery: events with equal keys reach each asynchronous
   * subscriber in publish order. {@code null} means "order by type name".
   *
   * @return the partition key, or {@code null} (the default) to order by type name
   */
  default @Nullable String partitionKey() {
    return null;
  }

  /**
   * The lane this event takes through asynchronous queues.
   *
   * @return the priority lane; {@link EventPriority#NORMAL} unless overridden
   */
  default EventPriority priority() {
    return EventPriority.NORMAL;
  }

  /**
   * The type name of any event: {@link #eventType()} for a {@code DomainEvent}, otherwise the name
   * of its class.
   *
   * @param event any event
   * @return its type name
   * @throws NullPointerException if {@code event} is null
   */
  static String typeNameOf(Object event) {
    return event instanceof DomainEvent domainEvent
        ? domainEvent.eventType()
        : event.getClass().getName();
  }

  /**
   * The schema version of any event: {@link #version()} for a {@code DomainEvent}, otherwise 1.
   *
   * @param event any event
   * @return its schema version
   */
  static int versionOf(Object event) {
    return event instanceof DomainEvent domainEvent ? domainEvent.version() : 1;
  }

  /**
   * The partition key of any event, or {@code null} for a plain object.
   *
   * @param event any event
   * @return its partition key, or {@code null}
   */
  static @Nullable String partitionKeyOf(Object event) {
    return event instanceof DomainEvent domainEvent ? domainEvent.partitionKey() : null;
  }

  /**
   * The priority lane of any event: {@link EventPriority#NORMAL} for a plain object.
   *
   * @param event any event
   * @return its priority lane
   */
  static EventPriority priorityOf(Object event) {
    return event instanceof DomainEvent domainEvent ? domainEvent.priority() : EventPriority.NORMAL;
  }
}
