package dev.eventbus.api.spi;

import org.jspecify.annotations.Nullable;

/**
 * A stored event that cannot be brought to a form the application knows: its type name is unknown,
 * its version is newer than the application's or has no upcaster to the next, an upcaster failed,
 * or its data does not fit the event class. The message names the type, the version and, when
 * known, the position; the bus quarantines such a record rather than dropping it.
 *
 * @since 0.1
 */
public class UnreadableEventException extends EventStoreException {

  private static final long serialVersionUID = 1L;

  /** The stored type name. */
  private final String eventType;

  /** The version at which reading failed. */
  private final int version;

  /**
   * Creates the exception.
   *
   * @param eventType the stored type name
   * @param version the stored (or reached) version
   * @param message what is wrong, naming type and version
   * @param cause the underlying failure, if any
   */
  public UnreadableEventException(
      String eventType, int version, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.eventType = eventType;
    this.version = version;
  }

  /** {@return the stored type name} */
  public String eventType() {
    return eventType;
  }

  /** {@return the version at which reading failed} */
  public int version() {
    return version;
  }
}
