package dev.eventbus.examples.demo;

import dev.eventbus.api.DomainEvent;

/**
 * Every event in an order's life. Partitioned by order id, so that queued delivery modes keep one
 * order's events in order. Subscribing to this interface receives all four kinds.
 */
public sealed interface OrderEvent extends DomainEvent
    permits OrderPlaced, OrderPaid, OrderShipped, OrderCancelled {

  String orderId();

  @Override
  default String partitionKey() {
    return orderId();
  }
}
