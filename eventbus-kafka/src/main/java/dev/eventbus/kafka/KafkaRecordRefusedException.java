package dev.eventbus.kafka;

/**
 * A record the broker or the client refuses for good (too large, not authorized, an invalid topic),
 * or an event the relay cannot turn into a record (no id). Not tried again: the delivery fails at
 * once and goes to the bus's dead letters with this reason.
 */
public class KafkaRecordRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was refused and why
   * @param cause the client's exception, if any
   */
  public KafkaRecordRefusedException(
      String message, @org.jspecify.annotations.Nullable Throwable cause) {
    super(message, cause);
  }
}
