package vm.core.event;

import org.jspecify.annotations.Nullable;

/**
 * Identifies one subscription made through a {@link DomainEventBus}, for {@link
 * DomainEventBus#unsubscribe(EventSubscriptionId)}. Part of the compat surface (see the {@linkplain
 * vm.core.event package description}).
 *
 * <p>Values are unique within the process and never reused, so an id issued by one {@code
 * DomainEventBus} is unknown to every other one. Immutable; equal when the values are equal.
 *
 * @since 0.1
 */
public final class EventSubscriptionId {

  private final long value;

  EventSubscriptionId(long value) {
    if (value < 1) {
      throw new IllegalArgumentException("subscription id must be >= 1 but was " + value);
    }
    this.value = value;
  }

  /** {@return the id's number, positive} */
  public long value() {
    return value;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof EventSubscriptionId that && value == that.value;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(value);
  }

  @Override
  public String toString() {
    return "EventSubscriptionId[" + value + "]";
  }
}
