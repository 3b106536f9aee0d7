package dev.eventbus.transport;

import org.jspecify.annotations.Nullable;

/**
 * The reason a received message became a dead letter instead of an event: a field missing or
 * malformed, a payload that is not a JSON object, or data the codec and its upcasters cannot read.
 */
public class UndecodableMessageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message where the message was and what is wrong with it
   * @param cause what failed, if anything did
   */
  public UndecodableMessageException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
