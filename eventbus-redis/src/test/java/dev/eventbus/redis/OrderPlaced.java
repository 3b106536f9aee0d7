package dev.eventbus.redis;

import dev.eventbus.api.DomainEvent;

/** A keyed test event: its id travels in the fields, its account is the partition key. */
public record OrderPlaced(String orderId, String account, int sequence) implements DomainEvent {

  @Override
  public String eventType() {
    return "order.placed";
  }

  @Override
  public String partitionKey() {
    return account;
  }
}
