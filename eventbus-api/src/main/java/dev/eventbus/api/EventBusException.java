package dev.eventbus.api;

import org.jspecify.annotations.Nullable;

/**
 * The base of the exceptions the bus throws for its own reasons (as opposed to argument checks,
 * which throw {@link NullPointerException} and {@link IllegalArgumentException}).
 *
 * @since 0.1
 */
public class EventBusException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong
   */
  public EventBusException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong
   * @param cause the underlying failure, or {@code null}
   */
  public EventBusException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
