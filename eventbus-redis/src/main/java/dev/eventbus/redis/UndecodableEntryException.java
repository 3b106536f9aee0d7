package dev.eventbus.redis;

import dev.eventbus.transport.UndecodableMessageException;
import org.jspecify.annotations.Nullable;

/**
 * The reason a stream entry became a dead letter instead of an event: a field missing or malformed,
 * a payload that is not a JSON object, or data the codec and its upcasters cannot read.
 */
public class UndecodableEntryException extends UndecodableMessageException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the entry (stream and id) and what is wrong with it
   * @param cause what failed, if anything did
   */
  public UndecodableEntryException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
