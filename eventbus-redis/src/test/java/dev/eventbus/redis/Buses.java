package dev.eventbus.redis;

import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.EventCodec;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.testkit.TransportContract;
import dev.eventbus.transportsupport.TestBuses;

/** The shared test buses with this transport's codec (its {@link PaymentTaken}). */
final class Buses extends TestBuses {

  static EventCodec codec() {
    return codec(PaymentTaken.class);
  }

  static DurableStorage storage() {
    return storage(codec());
  }

  /**
   * A sending bus with storage, stopped at {@link #close()}, whose contract events a relay sends to
   * {@code stream}.
   */
  UnifiedEventBus keyedSender(String uri, String stream) {
    UnifiedEventBus sender = bus(storage());
    add(RedisRelay.builder(uri, codec())
            .route(TransportContract.Keyed.class, stream, TransportContract.Keyed::id)
            .build())
        .attach(sender);
    return sender;
  }
}
