package dev.eventbus.redis;

import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.EventCodec;
import dev.eventbus.codec.jackson.JacksonEventCodec;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.durable.InMemoryEventStore;
import dev.eventbus.processors.EventBusFactory;
import dev.eventbus.testkit.TransportContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Durable buses for the tests, each on an in-memory store, and what else a test opens. */
final class Buses implements AutoCloseable {

  private final List<AutoCloseable> open = new ArrayList<>();

  static EventCodec codec() {
    return JacksonEventCodec.builder()
        .register(OrderPlaced.class, "order.placed", 1)
        .register(PaymentTaken.class, "payment.taken", 1)
        .register(TransportContract.Keyed.class, TransportContract.Keyed.TYPE, 1)
        .build();
  }

  static DurableStorage storage() {
    return DurableStorage.builder(InMemoryEventStore.create(), codec()).build();
  }

  UnifiedEventBus bus(DurableStorage storage) {
    UnifiedEventBus bus = EventBusFactory.builder().storage(storage).build();
    open.add(() -> bus.stop(Duration.ofSeconds(5)));
    return bus;
  }

  <T extends AutoCloseable> T add(T closeable) {
    open.add(closeable);
    return closeable;
  }

  @Override
  public void close() {
    IllegalStateException failure = null;
    for (int i = open.size() - 1; i >= 0; i--) {
      try {
        open.get(i).close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("closing a test resource failed", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    open.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
