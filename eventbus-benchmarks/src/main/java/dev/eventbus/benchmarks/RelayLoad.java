package dev.eventbus.benchmarks;

import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.EventCodec;
import dev.eventbus.codec.jackson.JacksonEventCodec;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.durable.InMemoryEventStore;
import dev.eventbus.processors.EventBusFactory;
import dev.eventbus.transport.OutboundMessage;
import dev.eventbus.transportsupport.OrderPlaced;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * What the relay benchmarks send: keyed orders ({@link OrderPlaced} of the transport tests) over
 * {@link #KEYS} partition keys, the codec that encodes them, the durable bus (the outbox) a relay
 * is attached to, and the wait for a relay's confirmations. The raw-client cases send the very
 * records a relay would, from {@link #encode}.
 */
final class RelayLoad {

  /** Events per benchmark call: the score is events per second. */
  static final int BATCH = 1_000;

  /** Partition keys the orders spread over. */
  static final int KEYS = 16;

  private static final Duration PATIENCE = Duration.ofSeconds(120);

  static final EventCodec CODEC =
      JacksonEventCodec.builder().register(OrderPlaced.class, OrderPlaced.TYPE, 1).build();

  private int sequence;

  /** The next order; one benchmark thread calls it. */
  OrderPlaced next() {
    int seq = ++sequence;
    return new OrderPlaced("order-" + seq, "account-" + (seq % KEYS), seq);
  }

  /**
   * One call of a relay case: {@link #BATCH} publishes into the outbox, then the wait until the
   * relay counted as many confirmations.
   */
  void relayBatch(UnifiedEventBus outbox, LongSupplier confirmed) {
    long target = confirmed.getAsLong() + BATCH;
    for (int i = 0; i < BATCH; i++) {
      outbox.publish(next());
    }
    awaitConfirmed(confirmed, target, "relay");
  }

  /**
   * The order as a relay encodes it: its fields (id, type, version, partition key) and its payload.
   */
  static OutboundMessage encode(OrderPlaced order) {
    return OutboundMessage.encode(order, order.orderId(), CODEC, null);
  }

  /** A running bus whose events are stored first (in memory): the relay's outbox. */
  static UnifiedEventBus outbox() {
    return EventBusFactory.builder()
        .storage(DurableStorage.builder(InMemoryEventStore.create(), CODEC).build())
        .build();
  }

  /** Waits until {@code confirmed} reaches {@code target}, or fails after two minutes. */
  static void awaitConfirmed(LongSupplier confirmed, long target, String what) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (confirmed.getAsLong() < target) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            what + ": " + confirmed.getAsLong() + " of " + target + " confirmed after " + PATIENCE);
      }
      LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(50));
    }
  }

  /** Fails if the raw client reported a failed send. */
  static void checkNoFailure(long failures, String what) {
    if (failures > 0) {
      throw new IllegalStateException(what + ": " + failures + " sends failed");
    }
  }
}
