package com.acme.shop.inventory;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import vm.core.event.DomainEventBus;
import vm.core.event.VmException;

/** The shelves: reserves stock and announces what happened on the domain bus. */
public class Warehouse {

  private final DomainEventBus bus;
  private final Map<String, Integer> shelves;
  private final LongSupplier clock;

  /** The legacy default: the process-wide bus and the wall clock. */
  public Warehouse(Map<String, Integer> shelves) {
    this(DomainEventBus.getInstance(), shelves, System::currentTimeMillis);
  }

  public Warehouse(DomainEventBus bus, Map<String, Integer> shelves, LongSupplier clock) {
    this.bus = bus;
    this.shelves = new HashMap<>(shelves);
    this.clock = clock;
  }

  /**
   * Takes {@code quantity} items off the shelf.
   *
   * @throws VmException if a handler failed; the stock stays reserved
   */
  public void reserve(String sku, int quantity) throws VmException {
    int remaining = shelves.merge(sku, -quantity, Integer::sum);
    bus.publish(new StockReserved(sku, quantity, remaining));
    if (remaining == 0) {
      bus.publish(new StockDepleted(sku, clock.getAsLong()));
    }
  }
}
