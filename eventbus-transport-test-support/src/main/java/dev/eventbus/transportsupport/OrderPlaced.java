package dev.eventbus.transportsupport;

import dev.eventbus.api.DomainEvent;

/**
 * A keyed test event: its id travels in the message's fields, its account is the partition key.
 *
 * @param orderId the event's id
 * @param account the partition key
 * @param sequence the order's place among its account's orders, from 1
 */
public record OrderPlaced(String orderId, String account, int sequence) implements DomainEvent {

  /** The type name the test codecs register {@code OrderPlaced} under. */
  public static final String TYPE = "order.placed";

  @Override
  public String eventType() {
    return TYPE;
  }

  @Override
  public String partitionKey() {
    return account;
  }
}
