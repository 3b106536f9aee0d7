package dev.eventbus.kafka;

/**
 * A record the broker did not acknowledge in time or refused for a reason that may pass (broker
 * down, no leader, timeout). The relay's delivery fails with it, stays pending and is tried again
 * under the relay's retry policy.
 */
public class KafkaSendException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was sent where, and what happened
   * @param cause the client's exception
   */
  public KafkaSendException(String message, Throwable cause) {
    super(message, cause);
  }
}
