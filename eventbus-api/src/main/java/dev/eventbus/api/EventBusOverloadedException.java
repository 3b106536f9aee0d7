package dev.eventbus.api;

/**
 * Thrown (or completes a publish future exceptionally) when a bounded queue is full and its
 * overflow policy is {@link OverflowPolicy#FAIL}, or {@link OverflowPolicy#BLOCK} timed out.
 *
 * @since 0.1
 */
public class EventBusOverloadedException extends EventBusException {

  private static final long serialVersionUID = 1L;

  public EventBusOverloadedException(String message) {
    super(message);
  }
}
