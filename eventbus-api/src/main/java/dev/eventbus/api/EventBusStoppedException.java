package dev.eventbus.api;

/**
 * Thrown by {@code publish*} on a bus that is not running: not yet started, stopping or stopped.
 *
 * @since 0.1
 */
public class EventBusStoppedException extends EventBusException {

  private static final long serialVersionUID = 1L;

  /** The bus's state when the publish was refused. */
  private final EventBusState state;

  /**
   * Creates the exception, its message naming the state.
   *
   * @param state the bus's state when the publish was refused
   */
  public EventBusStoppedException(EventBusState state) {
    super("the event bus is " + state + " and does not accept events");
    this.state = state;
  }

  /** {@return the bus's state when the publish was refused} */
  public EventBusState state() {
    return state;
  }
}
