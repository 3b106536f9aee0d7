package dev.eventbus.api;

/**
 * Thrown by {@link UnifiedEventBus#unsubscribe(SubscriptionId)} for an id this bus does not hold:
 * never issued by it, or already unsubscribed.
 *
 * @since 0.1
 */
public class UnknownSubscriptionException extends EventBusException {

  private static final long serialVersionUID = 1L;

  private final SubscriptionId subscriptionId;

  public UnknownSubscriptionException(SubscriptionId subscriptionId) {
    super("no active subscription " + subscriptionId + " on this bus");
    this.subscriptionId = subscriptionId;
  }

  public SubscriptionId subscriptionId() {
    return subscriptionId;
  }
}
