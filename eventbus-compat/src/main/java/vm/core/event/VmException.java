package vm.core.event;

import org.jspecify.annotations.Nullable;

/**
 * The legacy checked exception: what handlers throw to report a failure, and what {@link
 * DomainEventBus} throws for failed handlers and for events the bus refuses. Part of the compat
 * surface (see the {@linkplain vm.core.event package description}).
 *
 * @since 0.1
 */
public class VmException extends Exception {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, or {@code null}
   */
  public VmException(@Nullable String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, or {@code null}
   * @param cause the underlying failure, or {@code null}
   */
  public VmException(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception with its cause; the message is {@code cause.toString()}, or null if there
   * is no cause.
   *
   * @param cause the underlying failure, or {@code null}
   */
  public VmException(@Nullable Throwable cause) {
    super(cause);
  }
}
