package dev.eventbus.tracing;

import dev.eventbus.api.DomainEvent;

/** A keyed test event. */
public record Placed(String orderId, String account) implements DomainEvent {

  @Override
  public String eventType() {
    return "placed";
  }

  @Override
  public String partitionKey() {
    return account;
  }
}
