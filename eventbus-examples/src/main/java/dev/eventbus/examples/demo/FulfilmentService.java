package dev.eventbus.examples.demo;

import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reserves stock for placed orders, keeps the pick list of paid orders, and counts shipments per
 * warehouse. One subscription to the {@link OrderEvent} interface receives all four event classes.
 * Thread-safe.
 */
public final class FulfilmentService {

  public static final String NAME = "fulfilment";

  /** What fulfilment ended with. */
  public record Summary(
      int awaitingPayment,
      int awaitingShipment,
      Map<String, Integer> shippedByWarehouse,
      int releasedOnCancel) {

    public Summary {
      shippedByWarehouse = Map.copyOf(shippedByWarehouse);
    }

    public int shipped() {
      return shippedByWarehouse.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  private final Set<String> awaitingPayment = new HashSet<>();
  private final Set<String> pickList = new HashSet<>();
  private final Map<String, Integer> shippedByWarehouse = new TreeMap<>();
  private int releasedOnCancel;

  public FulfilmentService(UnifiedEventBus bus, ProcessingMode mode) {
    Objects.requireNonNull(bus, "bus");
    bus.subscribe(
        OrderEvent.class, this::on, SubscriptionOptions.builder().name(NAME).mode(mode).build());
  }

  private synchronized void on(OrderEvent event) {
    String orderId = event.orderId();
    if (event instanceof OrderPlaced) {
      awaitingPayment.add(orderId);
    } else if (event instanceof OrderPaid) {
      awaitingPayment.remove(orderId);
      pickList.add(orderId);
    } else if (event instanceof OrderShipped shipped) {
      if (!pickList.remove(orderId)) {
        throw new IllegalStateException(orderId + " shipped but was not on the pick list");
      }
      shippedByWarehouse.merge(shipped.warehouse(), 1, Integer::sum);
    } else if (event instanceof OrderCancelled) {
      awaitingPayment.remove(orderId);
      pickList.remove(orderId);
      releasedOnCancel++;
    }
  }

  public synchronized Summary summary() {
    return new Summary(
        awaitingPayment.size(),
        pickList.size(),
        new TreeMap<>(shippedByWarehouse),
        releasedOnCancel);
  }
}
