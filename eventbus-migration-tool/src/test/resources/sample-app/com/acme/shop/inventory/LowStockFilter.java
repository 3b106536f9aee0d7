package com.acme.shop.inventory;

import vm.core.event.DomainEvent;
import vm.core.event.EventFilter;

/** Lets through only reservations that leave fewer than five items on the shelf. */
public final class LowStockFilter implements EventFilter {

  static final int THRESHOLD = 5;

  @Override
  public boolean accept(DomainEvent event) {
    return event instanceof StockReserved reserved && reserved.remaining() < THRESHOLD;
  }
}
