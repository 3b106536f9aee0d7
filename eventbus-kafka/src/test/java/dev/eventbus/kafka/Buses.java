package dev.eventbus.kafka;

import dev.eventbus.api.spi.EventCodec;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.transportsupport.TestBuses;

/** The shared test buses with this transport's codec (its {@link PaymentTaken}). */
final class Buses extends TestBuses {

  static EventCodec codec() {
    return codec(PaymentTaken.class);
  }

  static DurableStorage storage() {
    return storage(codec());
  }
}
