package com.acme.shop.inventory;

import com.acme.shop.orders.OrderCancelled;
import com.acme.shop.orders.OrderPlaced;
import com.google.common.eventbus.Subscribe;
import java.util.List;

/** Stock bookkeeping for orders, as a family of small listeners sharing one log. */
public final class InventoryListeners {

  private final List<String> log;

  public InventoryListeners(List<String> log) {
    this.log = log;
  }

  /** Reserves stock for a placed order; registered on the warehouse staff's own bus. */
  public static final class StockReserver {
    private final List<String> log;

    public StockReserver(List<String> log) {
      this.log = log;
    }

    @com.google.common.eventbus.Subscribe
    public void onOrderPlaced(OrderPlaced order) {
      log.add("StockReserver got OrderPlaced#" + order.orderId());
    }
  }

  /** Puts the stock of a cancelled order back; an inner class, so it shares the outer log. */
  public final class StockReleaser {
    @Subscribe
    public void onOrderCancelled(OrderCancelled cancelled) {
      log.add("StockReleaser got OrderCancelled#" + cancelled.orderId());
    }
  }
}
