package dev.eventbus.api;

/**
 * Thrown by {@code publish*} on a bus that is not running: not yet started, stopping or stopped.
 *
 * @since 0.1
 */
public class EventBusStoppedException extends EventBusException {

  private static final long serialVersionUID = 1L;

  private final EventBusState state;

  public EventBusStoppedException(EventBusState state) {
    super("the event bus is " + state + " and does not accept events");
    this.state = state;
  }

  /** The bus's state when the publish was refused. */
  public EventBusState state() {
    return state;
  }
}
