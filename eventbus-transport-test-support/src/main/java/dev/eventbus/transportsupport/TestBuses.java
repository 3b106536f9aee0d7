package dev.eventbus.transportsupport;

import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.ContextPropagator;
import dev.eventbus.api.spi.EventCodec;
import dev.eventbus.codec.jackson.JacksonEventCodec;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.durable.InMemoryEventStore;
import dev.eventbus.processors.EventBusFactory;
import dev.eventbus.testkit.TransportContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Durable buses for a transport's tests, each on an in-memory store, and whatever else a test
 * opens, closed together in reverse order. A transport's tests extend it with their codec.
 */
public class TestBuses implements AutoCloseable {

  private final List<AutoCloseable> open = new ArrayList<>();

  /** Nothing open yet. */
  public TestBuses() {}

  /**
   * The codec both sides of a test use: {@link OrderPlaced}, the transport's payment event under
   * {@code payment.taken}, and the contract's {@link TransportContract.Keyed}.
   *
   * @param paymentType the transport's payment event (annotated with its destination)
   * @return the codec
   */
  public static EventCodec codec(Class<?> paymentType) {
    return JacksonEventCodec.builder()
        .register(OrderPlaced.class, OrderPlaced.TYPE, 1)
        .register(paymentType, "payment.taken", 1)
        .register(TransportContract.Keyed.class, TransportContract.Keyed.TYPE, 1)
        .build();
  }

  /**
   * Storage on a fresh in-memory store.
   *
   * @param codec the codec
   * @return the storage
   */
  public static DurableStorage storage(EventCodec codec) {
    return DurableStorage.builder(InMemoryEventStore.create(), codec).build();
  }

  /**
   * A running bus on {@code storage}, stopped at {@link #close()}.
   *
   * @param storage its storage
   * @return the bus
   */
  public UnifiedEventBus bus(DurableStorage storage) {
    return add(EventBusFactory.builder().storage(storage).build());
  }

  /**
   * A running bus on {@code storage} that carries the publisher's context through {@code
   * propagator}, stopped at {@link #close()}.
   *
   * @param storage its storage
   * @param propagator its context propagator
   * @return the bus
   */
  public UnifiedEventBus bus(DurableStorage storage, ContextPropagator propagator) {
    return add(EventBusFactory.builder().storage(storage).contextPropagator(propagator).build());
  }

  /**
   * A running bus without storage, stopped at {@link #close()}.
   *
   * @return the bus
   */
  public UnifiedEventBus busWithoutStorage() {
    return add(EventBusFactory.builder().build());
  }

  private UnifiedEventBus add(UnifiedEventBus bus) {
    open.add(() -> bus.stop(Duration.ofSeconds(5)));
    return bus;
  }

  /**
   * Closes {@code closeable} at {@link #close()}, before what was added earlier.
   *
   * @param <T> its type
   * @param closeable a relay, an inbound side, a client
   * @return {@code closeable}
   */
  public <T extends AutoCloseable> T add(T closeable) {
    open.add(closeable);
    return closeable;
  }

  /**
   * Closes everything added, the last first; every one is closed even if one fails.
   *
   * @throws IllegalStateException if closing one failed (the others' failures suppressed in it)
   */
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
