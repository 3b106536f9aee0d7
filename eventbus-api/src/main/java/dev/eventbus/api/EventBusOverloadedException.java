package dev.eventbus.api;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Thrown by {@code publish} (or completes a {@code publishAsync} future) when a bounded queue was
 * full and its overflow policy is {@link OverflowPolicy#FAIL}, or {@link OverflowPolicy#BLOCK}
 * timed out. Delivery to the other subscriptions still happened; {@link #result()} says what became
 * of each, the refused ones counted as dropped.
 *
 * @since 0.1
 */
public class EventBusOverloadedException extends EventBusException {

  private static final long serialVersionUID = 1L;

  private final transient @Nullable PublishResult result;

  /**
   * A refusal by one queue, before the rest of the publish is known.
   *
   * @param message what was refused and why
   */
  public EventBusOverloadedException(String message) {
    this(message, null);
  }

  /**
   * The refusal of a whole publish, with what became of every subscription.
   *
   * @param message what was refused and why
   * @param result the publish's result, or {@code null} if not known
   */
  public EventBusOverloadedException(String message, @Nullable PublishResult result) {
    super(message);
    this.result = result;
  }

  /** {@return the publish's result, when the exception comes from a publish} */
  public Optional<PublishResult> result() {
    return Optional.ofNullable(result);
  }
}
