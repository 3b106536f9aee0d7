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

  public VmException(@Nullable String message) {
    super(message);
  }

  public VmException(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  public VmException(@Nullable Throwable cause) {
    super(cause);
  }
}
