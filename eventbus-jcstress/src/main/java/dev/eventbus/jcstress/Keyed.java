package dev.eventbus.jcstress;

import dev.eventbus.api.DomainEvent;

/**
 * An event with a partition key, so that async delivery orders it with the other events of that
 * key; {@code producer} and {@code seq} say who published it and in which order.
 */
record Keyed(String key, int producer, int seq) implements DomainEvent {

  @Override
  public String eventType() {
    return "jcstress.keyed";
  }

  @Override
  public String partitionKey() {
    return key;
  }
}
