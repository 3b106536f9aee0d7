package dev.eventbus.examples.demo;

import dev.eventbus.api.HandlerFailure;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.UnifiedEventBus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Owns orders and their state machine (placed, then paid or cancelled, then shipped or cancelled),
 * and publishes a domain event for every transition. It knows nothing about who listens.
 *
 * <p>Orders of {@link #SYNTHETIC_CUSTOMER} are the monitoring system's end-to-end probes: they get
 * ids starting with {@code "probe-"}, go through the same code and are published like any other,
 * and the application's bus-wide filter ({@link #isSynthetic(Object)}) keeps them away from every
 * subscriber.
 *
 * <p>It publishes with {@link UnifiedEventBus#publishAsync}, whose future completes when every
 * subscriber has finished with the event, and keeps those futures: in queued modes {@code publish}
 * returns before the handlers ran, so {@link #awaitDeliveries} is how its caller learns that every
 * delivery has ended, and {@link #publishFailures} what failed. (A long-running service would act
 * on each result as it completes rather than keep them all.)
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
  private final List<CompletableFuture<PublishResult>> outcomes = new ArrayList<>();
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

  /**
   * Waits until the bus has finished with every event published so far: each subscriber handled it,
   * was filtered out, or failed for good (retries, exception handler and dead letter included).
   *
   * @return the final {@link PublishResult} of each event, in publish order
   * @throws TimeoutException if deliveries are still running after {@code timeout}
   * @throws IllegalStateException if the bus refused an event (a full queue; see {@link
   *     dev.eventbus.api.OverflowPolicy})
   */
  public List<PublishResult> awaitDeliveries(Duration timeout)
      throws InterruptedException, TimeoutException {
    Objects.requireNonNull(timeout, "timeout");
    CompletableFuture<?> all =
        CompletableFuture.allOf(outcomes.toArray(new CompletableFuture<?>[0]));
    try {
      all.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException refused) {
      throw new IllegalStateException("the bus refused an event", refused.getCause());
    }
    return results();
  }

  /**
   * The handler failures in the final {@link PublishResult}s, in publish order.
   *
   * @throws IllegalStateException if deliveries are still running (see {@link #awaitDeliveries})
   */
  public List<HandlerFailure> publishFailures() {
    List<HandlerFailure> failures = new ArrayList<>();
    for (PublishResult result : results()) {
      failures.addAll(result.failures());
    }
    return List.copyOf(failures);
  }

  private List<PublishResult> results() {
    List<PublishResult> results = new ArrayList<>(outcomes.size());
    for (int i = 0; i < outcomes.size(); i++) {
      CompletableFuture<PublishResult> outcome = outcomes.get(i);
      if (!outcome.isDone()) {
        throw new IllegalStateException(
            "deliveries of " + published.get(i) + " are still running: await them first");
      }
      results.add(outcome.join());
    }
    return List.copyOf(results);
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
    CompletableFuture<PublishResult> outcome = bus.publishAsync(event);
    published.add(event);
    outcomes.add(outcome);
  }
}
