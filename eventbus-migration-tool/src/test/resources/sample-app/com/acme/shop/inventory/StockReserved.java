package com.acme.shop.inventory;

import vm.core.event.DomainEvent;

/** Stock was set aside for an order; {@code remaining} is what is left on the shelf. */
public record StockReserved(String sku, int quantity, int remaining) implements DomainEvent {

  public static final String TYPE = "inventory.stock-reserved";

  @Override
  public String eventType() {
    return TYPE;
  }
}
