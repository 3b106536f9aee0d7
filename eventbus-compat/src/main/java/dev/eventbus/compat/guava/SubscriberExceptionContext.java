package dev.eventbus.compat.guava;

import java.lang.reflect.Method;
import java.util.Objects;

/**
 * Where a subscriber's exception was thrown: the bus, the event being delivered, the registered
 * object and its subscriber method. Immutable.
 *
 * @since 0.1
 */
public class SubscriberExceptionContext {

  private final EventBus eventBus;
  private final Object event;
  private final Object subscriber;
  private final Method subscriberMethod;

  /**
   * The context of one subscriber exception.
   *
   * @param eventBus the bus that delivered the event
   * @param event the event the subscriber was handling
   * @param subscriber the registered object
   * @param subscriberMethod the subscriber method that threw
   * @throws NullPointerException if an argument is null
   */
  public SubscriberExceptionContext(
      EventBus eventBus, Object event, Object subscriber, Method subscriberMethod) {
    this.eventBus = Objects.requireNonNull(eventBus, "eventBus");
    this.event = Objects.requireNonNull(event, "event");
    this.subscriber = Objects.requireNonNull(subscriber, "subscriber");
    this.subscriberMethod = Objects.requireNonNull(subscriberMethod, "subscriberMethod");
  }

  /** {@return the bus that delivered the event} */
  public EventBus getEventBus() {
    return eventBus;
  }

  /** {@return the event the subscriber was handling} */
  public Object getEvent() {
    return event;
  }

  /** {@return the registered object whose method threw} */
  public Object getSubscriber() {
    return subscriber;
  }

  /** {@return the subscriber method that threw} */
  public Method getSubscriberMethod() {
    return subscriberMethod;
  }

  @Override
  public String toString() {
    return "SubscriberExceptionContext{bus="
        + eventBus
        + ", event="
        + event
        + ", subscriber="
        + subscriber
        + ", method="
        + subscriberMethod
        + '}';
  }
}
