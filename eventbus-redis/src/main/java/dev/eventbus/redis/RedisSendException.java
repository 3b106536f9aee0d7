package dev.eventbus.redis;

/**
 * An entry the server did not confirm in time or refused for a reason that may pass (server down,
 * loading, out of memory, a timeout). The relay's delivery fails with it, stays pending and is
 * tried again under the relay's retry policy.
 */
public class RedisSendException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was sent where, and what happened
   * @param cause the client's exception
   */
  public RedisSendException(String message, Throwable cause) {
    super(message, cause);
  }
}
