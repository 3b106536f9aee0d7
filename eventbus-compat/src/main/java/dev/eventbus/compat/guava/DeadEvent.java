package dev.eventbus.compat.guava;

import java.util.Objects;

/**
 * Wraps an event that was posted but that no subscriber received. Subscribing to this type shows
 * events that nobody handles, which usually means a missing registration. A {@code DeadEvent} that
 * nobody handles is not wrapped again.
 *
 * @since 0.1
 */
public class DeadEvent {

  private final Object source;
  private final Object event;

  /**
   * Wraps an event nobody received.
   *
   * @param source the object that posted the event (a bus posts itself)
   * @param event the event nobody received
   * @throws NullPointerException if an argument is null
   */
  public DeadEvent(Object source, Object event) {
    this.source = Objects.requireNonNull(source, "source");
    this.event = Objects.requireNonNull(event, "event");
  }

  /** {@return the object that posted the event: normally the {@link EventBus} it was posted to} */
  public Object getSource() {
    return source;
  }

  /** {@return the event that nobody received} */
  public Object getEvent() {
    return event;
  }

  @Override
  public String toString() {
    return "DeadEvent{source=" + source + ", event=" + event + '}';
  }
}
