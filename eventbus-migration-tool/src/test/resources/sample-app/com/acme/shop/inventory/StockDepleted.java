package com.acme.shop.inventory;

import vm.core.event.DomainEvent;

/** The last item of a product left the shelf, at {@code depletedAtMillis}. */
public record StockDepleted(String sku, long depletedAtMillis) implements DomainEvent {

  public static final String TYPE = "inventory.stock-depleted";

  @Override
  public String eventType() {
    return TYPE;
  }

  // Restocking reports sort by when the shelf ran empty, not by when the event was read.
  @Override
  public long timestampMillis() {
    return depletedAtMillis;
  }
}
