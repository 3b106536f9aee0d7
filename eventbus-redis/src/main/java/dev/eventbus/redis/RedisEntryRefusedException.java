package dev.eventbus.redis;

import org.jspecify.annotations.Nullable;

/**
 * An entry the server refuses for good (the key holds another type, a command it rejects), or an
 * event the relay cannot turn into an entry (no id). Not tried again: the delivery fails at once
 * and goes to the bus's dead letters with this reason.
 */
public class RedisEntryRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was refused and why
   * @param cause the client's exception, if any
   */
  public RedisEntryRefusedException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
