package com.acme.shop.app;

import static vm.core.event.DomainEventBus.getInstance;

import com.acme.shop.audit.WarehouseAuditHandler;
import com.acme.shop.inventory.LowStockFilter;
import com.acme.shop.inventory.RestockHandler;
import com.acme.shop.inventory.StockReserved;
import com.acme.shop.inventory.Warehouse;
import com.acme.shop.shipping.DispatchNotifier;
import com.acme.shop.shipping.ShipmentDispatched;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import vm.core.event.AsyncEventBus;
import vm.core.event.AsyncEventBusStats;
import vm.core.event.DomainEvent;
import vm.core.event.DomainEventBus;
import vm.core.event.EventHandler;
import vm.core.event.EventSubscriptionId;
import vm.core.event.VmException;

/** Wires the warehouse, which still runs on the VM platform's domain event bus. */
final class WarehouseShop {

  /** A fixed clock keeps the run reproducible. */
  private static final long BUSINESS_DAY_MILLIS = 1_700_000_000_000L;

  private WarehouseShop() {}

  static void run(List<String> log) {
    DomainEventBus bus = new DomainEventBus();
    EventSubscriptionId audit = bus.subscribe("*", new WarehouseAuditHandler(log));
    RestockHandler restock = new RestockHandler(log);
    bus.subscribe(StockReserved.TYPE, restock, new LowStockFilter());
    bus.subscribe("inventory.stock-depleted", restock);
    bus.subscribe(
        StockReserved.TYPE,
        new EventHandler() {
          @Override
          public void handle(DomainEvent event) {
            log.add("Picker got " + event);
          }

          @Override
          public String name() {
            return "picker";
          }
        });

    Warehouse warehouse =
        new Warehouse(bus, Map.of("SKU-1", 10, "SKU-9", 4), () -> BUSINESS_DAY_MILLIS);
    try {
      warehouse.reserve("SKU-1", 3);
      warehouse.reserve("SKU-1", 6);
      try {
        warehouse.reserve("SKU-9", 4);
      } catch (VmException e) {
        log.add("WarehouseShop could not reorder: " + e.getMessage());
      }
      // The auditors take over the trail at closing time.
      bus.unsubscribe(audit);
      warehouse.reserve("SKU-1", 1);
    } catch (VmException e) {
      throw new IllegalStateException("warehouse failed", e);
    }

    reportToHeadOffice(log);
    notifyDispatches(log);
  }

  /** Head office's reporting hooks still listen on the process-wide bus. */
  private static void reportToHeadOffice(List<String> log) {
    var global = getInstance();
    EventSubscriptionId id =
        global.subscribe(
            ShipmentDispatched.TYPE,
            new WarehouseAuditHandler(log),
            event -> ((ShipmentDispatched) event).parcels() >= 3); // bulk shipments only
    try {
      getInstance().publish(new ShipmentDispatched(30, "PostNL", 1));
      global.publish(new ShipmentDispatched(31, "DHL", 5));
    } catch (VmException e) {
      throw new IllegalStateException("head office reporting failed", e);
    } finally {
      try {
        global.unsubscribe(id);
      } catch (VmException e) {
        log.add("WarehouseShop lost its head-office subscription: " + e.getMessage());
      }
    }
  }

  /** Customer notifications go through the asynchronous bus, which retries failed handlers. */
  private static void notifyDispatches(List<String> log) {
    List<String> sent = Collections.synchronizedList(new ArrayList<>());
    DomainEventBus dispatchBus = new DomainEventBus();
    dispatchBus.subscribe(ShipmentDispatched.TYPE, new DispatchNotifier(sent));
    AsyncEventBus async =
        new AsyncEventBus(
            dispatchBus,
            vm.core.event.AsyncEventBusConfig.builder()
                .batchIntervalMillis(1)
                .maxRetries(2)
                .retryDelayMillis(1)
                .build());
    async.start();
    try {
      async.publishAsync(new ShipmentDispatched(32, "DHL", 1));
      async.publishAsync(new ShipmentDispatched(33, "UPS", 2));
      async.publishAsync(new ShipmentDispatched(34, "PostNL", 1));
    } catch (VmException e) {
      throw new IllegalStateException("dispatch queue refused a shipment", e);
    } finally {
      async.stop(); // returns once the queue is drained
    }
    List<String> sorted = new ArrayList<>(sent);
    Collections.sort(sorted);
    log.addAll(sorted);
    AsyncEventBusStats stats = async.getStats();
    log.add(
        "WarehouseShop dispatch stats: published="
            + stats.eventsPublished()
            + " processed="
            + stats.eventsProcessed()
            + " failed="
            + stats.eventsFailed()
            + " retried="
            + stats.eventsRetried());
  }
}
