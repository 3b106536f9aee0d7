package dev.eventbus.testkit;

import dev.eventbus.api.DomainEvent;
import dev.eventbus.api.EventPriority;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Events for tests: domain events with type names and partition keys, a small class hierarchy with
 * an interface, and a plain object that implements nothing.
 */
public final class SampleEvents {

  private SampleEvents() {}

  /** Type {@code "order.placed"}, partitioned by order id. */
  public record OrderPlaced(String orderId, long amountCents) implements DomainEvent {
    public static final String TYPE = "order.placed";

    public OrderPlaced {
      Objects.requireNonNull(orderId, "orderId");
    }

    @Override
    public String eventType() {
      return TYPE;
    }

    @Override
    public String partitionKey() {
      return orderId;
    }
  }

  /** Type {@code "order.shipped"}, partitioned by order id. */
  public record OrderShipped(String orderId, String carrier) implements DomainEvent {
    public static final String TYPE = "order.shipped";

    public OrderShipped {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(carrier, "carrier");
    }

    @Override
    public String eventType() {
      return TYPE;
    }

    @Override
    public String partitionKey() {
      return orderId;
    }
  }

  /** A domain event whose type name, key and priority are data: one class, many type names. */
  public record NamedEvent(
      String eventType, @Nullable String partitionKey, EventPriority priority, long sequence)
      implements DomainEvent {

    public NamedEvent {
      Objects.requireNonNull(eventType, "eventType");
      Objects.requireNonNull(priority, "priority");
    }

    public static NamedEvent of(String eventType, long sequence) {
      return new NamedEvent(eventType, null, EventPriority.NORMAL, sequence);
    }
  }

  /** The interface at the top of the account hierarchy. */
  public interface AccountEvent {
    String accountId();
  }

  /** The abstract middle of the account hierarchy. */
  public abstract static class BaseAccountEvent implements AccountEvent {
    private final String accountId;

    protected BaseAccountEvent(String accountId) {
      this.accountId = Objects.requireNonNull(accountId, "accountId");
    }

    @Override
    public String accountId() {
      return accountId;
    }

    @Override
    public String toString() {
      return getClass().getSimpleName() + "[" + accountId + "]";
    }
  }

  /** A concrete account event (a plain object: its type name is its class name). */
  public static final class AccountOpened extends BaseAccountEvent {
    public AccountOpened(String accountId) {
      super(accountId);
    }
  }

  /** Another concrete account event. */
  public static final class AccountClosed extends BaseAccountEvent {
    public AccountClosed(String accountId) {
      super(accountId);
    }
  }

  /** A plain object that is not a {@link DomainEvent} and has no supertype but Object. */
  public record UserRegistered(String userId) {}
}
