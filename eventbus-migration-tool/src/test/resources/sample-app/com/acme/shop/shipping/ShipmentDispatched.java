package com.acme.shop.shipping;

/** A courier picked up a shipment. */
public record ShipmentDispatched(int shipmentId, String carrier, int parcels)
    implements vm.core.event.DomainEvent {

  public static final String TYPE = "shipping.dispatched";

  @Override
  public String eventType() {
    return TYPE;
  }
}
