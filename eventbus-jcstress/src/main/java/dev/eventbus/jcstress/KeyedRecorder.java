package dev.eventbus.jcstress;

import dev.eventbus.api.EventBusStats;
import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.ShutdownReport;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * One ASYNC subscription on its own async bus that records, per producer, how many {@link Keyed}
 * events it got and whether each came right after the previous one of that producer.
 */
final class KeyedRecorder {

  /** Events each producer publishes. */
  static final int PER_PRODUCER = 3;

  /** Bits of the arbiter's fourth result: each says what went wrong; 0 when nothing did. */
  static final int STATS_DELIVERED = 1;

  static final int STATS_PENDING = 2;
  static final int STATS_DROPPED = 4;
  static final int UNDELIVERED_AT_STOP = 8;

  final UnifiedEventBus bus;
  private final AtomicIntegerArray received = new AtomicIntegerArray(3);
  private final AtomicIntegerArray lastSeq = new AtomicIntegerArray(3);
  private final AtomicInteger outOfOrder = new AtomicInteger();

  KeyedRecorder(int shards) {
    // Queues far larger than what is published: no overflow policy is involved here.
    bus = Buses.async(shards, 64, OverflowPolicy.BLOCK, Buses.DRAIN);
    bus.subscribe(Keyed.class, this::record, SubscriptionOptions.mode(ProcessingMode.ASYNC));
  }

  private void record(Keyed event) {
    int producer = event.producer();
    if (lastSeq.getAndSet(producer, event.seq()) != event.seq() - 1) {
      outOfOrder.incrementAndGet();
    }
    received.incrementAndGet(producer);
  }

  void publish(String key, int producer) {
    for (int seq = 1; seq <= PER_PRODUCER; seq++) {
      bus.publish(new Keyed(key, producer, seq));
    }
  }

  /**
   * Stops the bus (waiting for the lanes to drain) and reports: r1, r2 events received from
   * producer 1 and 2, r3 events received out of their producer's order, r4 the failure bits.
   */
  void stopAndReport(IIII_Result r) {
    ShutdownReport report = bus.stop(Buses.DRAIN);
    EventBusStats stats = bus.stats();
    r.r1 = received.get(1);
    r.r2 = received.get(2);
    r.r3 = outOfOrder.get();
    int bits = 0;
    if (stats.delivered() != 2 * PER_PRODUCER) {
      bits |= STATS_DELIVERED;
    }
    if (stats.pending() != 0) {
      bits |= STATS_PENDING;
    }
    if (stats.dropped() != 0) {
      bits |= STATS_DROPPED;
    }
    if (report.totalUndelivered() != 0) {
      bits |= UNDELIVERED_AT_STOP;
    }
    r.r4 = bits;
  }
}
