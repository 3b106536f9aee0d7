package com.acme.shop.shipping;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import vm.core.event.DomainEvent;
import vm.core.event.EventHandler;
import vm.core.event.VmException;

/**
 * Tells the customer their parcel is on its way. The tracking service rejects the first call for
 * shipments with several parcels (it must create the extra labels first); the bus retries.
 */
public final class DispatchNotifier implements EventHandler {

  private final Collection<String> sent;
  private final Map<Integer, Integer> attempts = new ConcurrentHashMap<>();

  /** {@code sent} must be safe to add to from the bus's worker thread. */
  public DispatchNotifier(Collection<String> sent) {
    this.sent = sent;
  }

  @Override
  public void handle(DomainEvent event) throws VmException {
    ShipmentDispatched shipment = (ShipmentDispatched) event;
    int attempt = attempts.merge(shipment.shipmentId(), 1, Integer::sum);
    if (shipment.parcels() > 1 && attempt == 1) {
      throw new VmException("tracking labels not ready for shipment " + shipment.shipmentId());
    }
    sent.add(
        "DispatchNotifier got ShipmentDispatched#"
            + shipment.shipmentId()
            + " via "
            + shipment.carrier()
            + " (attempt "
            + attempt
            + ")");
  }

  @Override
  public String name() {
    return "dispatch-notifier";
  }
}
