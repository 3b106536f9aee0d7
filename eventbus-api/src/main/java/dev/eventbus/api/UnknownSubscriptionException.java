package dev.eventbus.api;

/**
 * Thrown by {@link UnifiedEventBus#unsubscribe(SubscriptionId)} for an id this bus does not hold:
 * never issued by it, or already unsubscribed.
 *
 * @since 0.1
 */
public class UnknownSubscriptionException extends EventBusException {

  private static final long serialVersionUID = 1L;

  /** The id that is not held. */
  private final SubscriptionId subscriptionId;

  /**
   * Creates the exception, its message naming the id.
   *
   * @param subscriptionId the id this bus holds no active subscription with
   */
  public UnknownSubscriptionException(SubscriptionId subscriptionId) {
    super("no active subscription " + subscriptionId + " on this bus");
    this.subscriptionId = subscriptionId;
  }

  /** {@return the id this bus holds no active subscription with} */
  public SubscriptionId subscriptionId() {
    return subscriptionId;
  }
}
