package dev.eventbus.core.spi;

import dev.eventbus.api.LatencySummary;
import dev.eventbus.api.SubscriptionStats;
import dev.eventbus.api.config.MetricsConfig;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The counters of one {@link Subscriber}, kept on the subscriber itself so counting needs no lookup
 * and allocates nothing. With metrics off the subscriber shares one disabled instance whose methods
 * return at once.
 *
 * <p>Who writes what, and why each counter is what it is:
 *
 * <ul>
 *   <li>Outcome counters ({@code delivered}, {@code filtered}, {@code failed}, {@code retried},
 *       {@code deadLettered}, {@code dropped}) and the queue depth are {@link LongAdder}s: every
 *       one of them can be written by several threads at once. A {@code SYNC} subscription counts
 *       on every publishing thread; an {@code ASYNC} one on the worker of each shard its events
 *       hash to (and on several with {@code concurrency > 1}); any queued delivery may also be
 *       settled by {@code stop}, {@code close} or an overflow eviction on another thread. An
 *       uncontended adder costs one compare-and-set and allocates nothing; contended, it stripes.
 *   <li>The latency sampling tick is a plain {@code int}, read and written without synchronization:
 *       a lost update only shifts which call is timed, never a count. Every 64th call is timed (the
 *       first included), or every call with {@link MetricsConfig#recordLatency()}; so a delivery
 *       normally reads no clock at all.
 *   <li>The latency histogram (allocated on the first sample) is updated atomically, once per
 *       sample.
 *   <li>Batch sizes are written by one thread at a time: {@link #recordBatch} is called under the
 *       batch collector's lock, which orders the writers; the fields are volatile so that {@code
 *       stats()} reads them whole and current.
 * </ul>
 *
 * <p>Queue depth is the number of deliveries accepted as {@link DeliveryOutcome.Status#PENDING} and
 * not yet finished: incremented when the processor accepts one, decremented when it reports the
 * final outcome.
 *
 * @since 0.2
 */
public final class SubscriberMetrics {

  private static final int SAMPLE_MASK = 63;
  private static final SubscriberMetrics DISABLED = new SubscriberMetrics(false, false);

  private final boolean enabled;
  private final int sampleMask;
  private final LongAdder delivered = new LongAdder();
  private final LongAdder filtered = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder retried = new LongAdder();
  private final LongAdder deadLettered = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder queued = new LongAdder();
  private int sampleTick;
  private volatile @Nullable LatencyHistogram latency;
  private volatile int lastBatchSize;
  private volatile long batches;
  private volatile long batchedEvents;

  private SubscriberMetrics(boolean enabled, boolean timeEveryCall) {
    this.enabled = enabled;
    this.sampleMask = timeEveryCall ? 0 : SAMPLE_MASK;
  }

  /** The counters of a new subscriber of a bus with {@code config}. */
  static SubscriberMetrics of(MetricsConfig config) {
    return config.enabled() ? new SubscriberMetrics(true, config.recordLatency()) : DISABLED;
  }

  /** Whether this subscriber counts (metrics are on). */
  public boolean enabled() {
    return enabled;
  }

  /**
   * Counts an outcome known when the delivery was handed to the processor; {@code PENDING} counts
   * one more in the queue.
   */
  public void recordOutcome(DeliveryOutcome outcome) {
    if (!enabled) {
      return;
    }
    if (outcome == DeliveryOutcome.Status.DELIVERED) {
      delivered.increment();
    } else if (outcome == DeliveryOutcome.Status.PENDING) {
      queued.increment();
    } else if (outcome == DeliveryOutcome.Status.FILTERED) {
      filtered.increment();
    } else if (outcome == DeliveryOutcome.Status.DROPPED) {
      dropped.increment();
    } else if (outcome instanceof DeliveryOutcome.Failed failure) {
      failed.increment();
      if (failure.deadLettered()) {
        deadLettered.increment();
      }
    }
  }

  /** Counts the final outcome of a delivery that was pending: one less in the queue. */
  public void recordCompletion(DeliveryOutcome outcome) {
    if (!enabled) {
      return;
    }
    queued.decrement();
    recordOutcome(outcome);
  }

  /**
   * Records the size of a batch handed to the subscriber's lane. Calls for one subscriber must not
   * overlap (the batch collector makes them under its lock).
   */
  public void recordBatch(int size) {
    if (!enabled) {
      return;
    }
    // One writer at a time, ordered by the caller's lock: read-modify-write is safe here.
    lastBatchSize = size;
    batchedEvents = batchedEvents + size;
    batches = batches + 1;
  }

  void recordRetry() {
    if (enabled) {
      retried.increment();
    }
  }

  /** Whether to time the next handler call: every 64th (or every one), never when disabled. */
  boolean sampleNext() {
    return enabled && (sampleTick++ & sampleMask) == 0;
  }

  void recordLatency(long nanos) {
    LatencyHistogram histogram = latency;
    if (histogram == null) {
      synchronized (this) {
        histogram = latency;
        if (histogram == null) {
          histogram = new LatencyHistogram();
          latency = histogram;
        }
      }
    }
    histogram.record(nanos);
  }

  /** A reading of the counters of {@code subscriber}. */
  public SubscriptionStats snapshot(Subscriber subscriber) {
    long batchCount = batches;
    long events = batchedEvents;
    LatencyHistogram histogram = latency;
    return new SubscriptionStats(
        subscriber.id(),
        subscriber.name(),
        subscriber.eventType(),
        subscriber.mode(),
        delivered.sum(),
        filtered.sum(),
        failed.sum(),
        retried.sum(),
        deadLettered.sum(),
        dropped.sum(),
        Math.max(0, queued.sum()),
        lastBatchSize,
        batchCount == 0 ? 0 : (double) events / batchCount,
        histogram == null ? LatencySummary.NONE : histogram.summary());
  }
}
