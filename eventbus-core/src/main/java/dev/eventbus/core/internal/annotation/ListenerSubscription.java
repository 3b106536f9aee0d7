package dev.eventbus.core.internal.annotation;

import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.SubscriptionId;
import java.util.List;

/**
 * The one subscription {@link AnnotatedListeners#register} returns for a listener: closing it
 * closes the subscription of each of the listener's methods. Its id, event type, mode and priority
 * are those of the first method's subscription (methods sorted by name, then parameter type); its
 * name is the listener's class name; it is active while any method's subscription is. Thread-safe.
 */
public final class ListenerSubscription implements Subscription {

  private final String name;
  private final List<Subscription> subscriptions;

  ListenerSubscription(String name, List<Subscription> subscriptions) {
    if (subscriptions.isEmpty()) {
      throw new IllegalArgumentException("a listener subscription needs at least one method");
    }
    this.name = name;
    this.subscriptions = List.copyOf(subscriptions);
  }

  /** {@return one subscription per subscriber method, in the listener's method order} */
  public List<Subscription> subscriptions() {
    return subscriptions;
  }

  @Override
  public SubscriptionId id() {
    return subscriptions.get(0).id();
  }

  @Override
  public String eventType() {
    return subscriptions.get(0).eventType();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ProcessingMode mode() {
    return subscriptions.get(0).mode();
  }

  @Override
  public int priority() {
    return subscriptions.get(0).priority();
  }

  @Override
  public boolean isActive() {
    for (Subscription subscription : subscriptions) {
      if (subscription.isActive()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    for (Subscription subscription : subscriptions) {
      subscription.close();
    }
  }

  @Override
  public String toString() {
    return "ListenerSubscription{" + name + ", " + subscriptions + '}';
  }
}
