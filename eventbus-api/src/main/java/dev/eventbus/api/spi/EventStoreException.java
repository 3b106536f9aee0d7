package dev.eventbus.api.spi;

import dev.eventbus.api.EventBusException;
import org.jspecify.annotations.Nullable;

/**
 * A storage operation failed. The message says which operation and, where known, which record.
 *
 * @since 0.1
 */
public class EventStoreException extends EventBusException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which operation failed and, where known, on which record
   * @param cause the underlying failure, or {@code null}
   */
  public EventStoreException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
