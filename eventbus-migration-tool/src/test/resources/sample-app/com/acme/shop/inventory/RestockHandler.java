package com.acme.shop.inventory;

import java.util.List;
import vm.core.event.EventHandler;

/** Orders more stock from the supplier when a shelf runs low or empty. Runs before the others. */
public final class RestockHandler implements EventHandler {

  /** The supplier of this product has been offline all week. */
  static final String OFFLINE_SKU = "SKU-9";

  private final List<String> log;

  public RestockHandler(List<String> log) {
    this.log = log;
  }

  @Override
  public void handle(vm.core.event.DomainEvent event) throws vm.core.event.VmException {
    if (event instanceof StockReserved reserved) {
      log.add("RestockHandler got low stock " + reserved.sku() + " (" + reserved.remaining() + " left)");
    } else if (event instanceof StockDepleted depleted) {
      if (depleted.sku().equals(OFFLINE_SKU)) {
        log.add("RestockHandler could not reorder " + depleted.sku());
        throw new vm.core.event.VmException("supplier offline for " + depleted.sku());
      }
      log.add("RestockHandler reordered " + depleted.sku());
    }
  }

  @Override
  public int priority() {
    return 200;
  }

  @Override
  public String name() {
    return "restock";
  }
}
