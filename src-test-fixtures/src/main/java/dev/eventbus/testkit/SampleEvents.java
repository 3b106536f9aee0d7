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

  /**
   * Type {@code "order.placed"}, partitioned by order id.
   *
   * @param orderId the order's id, also the partition key
   * @param amountCents the order's amount, in cents
   */
  public record OrderPlaced(String orderId, long amountCents) implements DomainEvent {
    /** The type name, {@value}. */
    public static final String TYPE = "order.placed";

    /**
     * Checks the order id.
     *
     * @param orderId the order's id, also the partition key
     * @param amountCents the order's amount, in cents
     * @throws NullPointerException if {@code orderId} is null
     */
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

  /**
   * Type {@code "order.shipped"}, partitioned by order id.
   *
   * @param orderId the order's id, also the partition key
   * @param carrier who ships it
   */
  public record OrderShipped(String orderId, String carrier) implements DomainEvent {
    /** The type name, {@value}. */
    public static final String TYPE = "order.shipped";

    /**
     * Checks the components.
     *
     * @param orderId the order's id, also the partition key
     * @param carrier who ships it
     * @throws NullPointerException if {@code orderId} or {@code carrier} is null
     */
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

  /**
   * A domain event whose type name, key and priority are data: one class, many type names.
   *
   * @param eventType the type name it reports
   * @param partitionKey the partition key it reports, or {@code null}
   * @param priority the priority lane it reports
   * @param sequence a number to tell events apart by
   */
  public record NamedEvent(
      String eventType, @Nullable String partitionKey, EventPriority priority, long sequence)
      implements DomainEvent {

    /**
     * Checks the components.
     *
     * @param eventType the type name it reports
     * @param partitionKey the partition key it reports, or {@code null}
     * @param priority the priority lane it reports
     * @param sequence a number to tell events apart by
     * @throws NullPointerException if {@code eventType} or {@code priority} is null
     */
    public NamedEvent {
      Objects.requireNonNull(eventType, "eventType");
      Objects.requireNonNull(priority, "priority");
    }

    /**
     * A {@link EventPriority#NORMAL} event without partition key.
     *
     * @param eventType the type name it reports
     * @param sequence a number to tell events apart by
     * @return the event
     */
    public static NamedEvent of(String eventType, long sequence) {
      return new NamedEvent(eventType, null, EventPriority.NORMAL, sequence);
    }
  }

  /** The interface at the top of the account hierarchy. */
  public interface AccountEvent {
    /** {@return the account the event is about} */
    String accountId();
  }

  /** The abstract middle of the account hierarchy. */
  public abstract static class BaseAccountEvent implements AccountEvent {
    private final String accountId;

    /**
     * An event about one account.
     *
     * @param accountId the account's id
     * @throws NullPointerException if {@code accountId} is null
     */
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
    /**
     * An account was opened.
     *
     * @param accountId the account's id
     */
    public AccountOpened(String accountId) {
      super(accountId);
    }
  }

  /** Another concrete account event. */
  public static final class AccountClosed extends BaseAccountEvent {
    /**
     * An account was closed.
     *
     * @param accountId the account's id
     */
    public AccountClosed(String accountId) {
      super(accountId);
    }
  }

  /**
   * A plain object that is not a {@link DomainEvent} and has no supertype but Object.
   *
   * @param userId the registered user's id
   */
  public record UserRegistered(String userId) {}
}
