package dev.eventbus.kafka;

import dev.eventbus.transport.UndecodableMessageException;

/**
 * The reason a consumed record became a dead letter instead of an event: a header missing or
 * malformed, a value that is not a JSON object, or data the codec and its upcasters cannot read.
 */
public class UndecodableRecordException extends UndecodableMessageException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the record (topic, partition, offset) and what is wrong with it
   * @param cause what failed, if anything did
   */
  public UndecodableRecordException(
      String message, @org.jspecify.annotations.Nullable Throwable cause) {
    super(message, cause);
  }
}
