package dev.eventbus.examples.demo;

import dev.eventbus.api.HandlerFailure;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.UnifiedEventBus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Owns orders and their state machine (placed, then paid or cancelled, then shipped or cancelled),
 * and publishes a domain event for every transition. It knows nothing about who listens.
 *
 * <p>Orders of {@link #SYNTHETIC_CUSTOMER} are the monitoring system's end-to-end probes: they get
 * ids starting with {@code "probe-"}, go through the same code and are published like any other,
 * and the application's bus-wide filter ({@link #isSynthetic(Object)}) keeps them away from every
 * subscriber.
 *
 * <p>Not thread-safe: one caller drives it.
 */
public final class OrderService {

  /** The customer id the monitoring system places its probe orders with. */
  public static final String SYNTHETIC_CUSTOMER = "synthetic-monitor";

  private static final String PROBE_PREFIX = "probe-";

  private enum Status {
    PLACED,
    PAID,
    SHIPPED,
    CANCELLED
  }

  private static final class Order {
    final long amountCents;
    Status status = Status.PLACED;

    Order(long amountCents) {
      this.amountCents = amountCents;
    }
  }

  private final UnifiedEventBus bus;
  private final Map<String, Order> orders = new HashMap<>();
  private final List<OrderEvent> published = new ArrayList<>();
  private final List<HandlerFailure> failures = new ArrayList<>();
  private int lastOrderNumber;

  public OrderService(UnifiedEventBus bus) {
    this.bus = Objects.requireNonNull(bus, "bus");
  }

  /** Whether {@code event} belongs to a synthetic monitoring order. */
  public static boolean isSynthetic(Object event) {
    return event instanceof OrderEvent orderEvent && orderEvent.orderId().startsWith(PROBE_PREFIX);
  }

  /** Places an order and returns its id. */
  public String place(String customerId, long amountCents) {
    lastOrderNumber++;
    String prefix = SYNTHETIC_CUSTOMER.equals(customerId) ? PROBE_PREFIX : "ord-";
    String orderId = String.format(Locale.ROOT, "%s%04d", prefix, lastOrderNumber);
    OrderPlaced event = new OrderPlaced(orderId, customerId, amountCents);
    orders.put(orderId, new Order(amountCents));
    publish(event);
    return orderId;
  }

  /**
   * Records the payment of a placed order.
   *
   * @throws IllegalStateException if the order is not awaiting payment
   */
  public void pay(String orderId) {
    Order order = transition(orderId, Status.PLACED, Status.PAID);
    publish(new OrderPaid(orderId, order.amountCents));
  }

  /**
   * Ships a paid order.
   *
   * @throws IllegalStateException if the order is not paid or already shipped
   */
  public void ship(String orderId, String warehouse) {
    transition(orderId, Status.PAID, Status.SHIPPED);
    publish(new OrderShipped(orderId, warehouse));
  }

  /**
   * Cancels an order that has not shipped, refunding what was paid.
   *
   * @throws IllegalStateException if the order shipped or was cancelled already
   */
  public void cancel(String orderId, String reason) {
    Order order = find(orderId);
    long refund;
    if (order.status == Status.PLACED) {
      refund = 0;
    } else if (order.status == Status.PAID) {
      refund = order.amountCents;
    } else {
      throw new IllegalStateException("cannot cancel " + orderId + ": it is " + order.status);
    }
    order.status = Status.CANCELLED;
    publish(new OrderCancelled(orderId, reason, refund));
  }

  /** Every event this service published, in order. */
  public List<OrderEvent> publishedEvents() {
    return List.copyOf(published);
  }

  /** The handler failures the bus returned in its {@link PublishResult}s, in order. */
  public List<HandlerFailure> publishFailures() {
    return List.copyOf(failures);
  }

  private Order transition(String orderId, Status from, Status to) {
    Order order = find(orderId);
    if (order.status != from) {
      throw new IllegalStateException(
          "cannot move " + orderId + " to " + to + ": it is " + order.status);
    }
    order.status = to;
    return order;
  }

  private Order find(String orderId) {
    Order order = orders.get(orderId);
    if (order == null) {
      throw new IllegalArgumentException("no order " + orderId);
    }
    return order;
  }

  private void publish(OrderEvent event) {
    // Handler failures never come back as exceptions: they are in the result.
    PublishResult result = bus.publish(event);
    published.add(event);
    failures.addAll(result.failures());
  }
}
