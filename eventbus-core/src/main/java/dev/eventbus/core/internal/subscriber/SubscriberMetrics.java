package dev.eventbus.core.internal.subscriber;

import dev.eventbus.api.LatencySummary;
import dev.eventbus.api.MetricsConfig;
import dev.eventbus.api.MetricsListener.LatencyRecorder;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.SubscriptionStats;
import dev.eventbus.core.internal.concurrent.PaddedLong;
import dev.eventbus.core.spi.Subscriber;
import org.jspecify.annotations.Nullable;

/**
 * The counters of one {@link Subscriber}, kept on the subscriber itself so counting needs no
 * lookup. With metrics off the subscriber shares one disabled instance whose methods return at
 * once.
 *
 * <p>Who writes what, and why each counter is what it is:
 *
 * <ul>
 *   <li>Outcomes are {@link OutcomeCounters}: a delivery that succeeds at once is not counted here
 *       at all but derived from the per-thread route counts the bus keeps; every other outcome is
 *       counted with a striped adder, on whichever thread it happens (a publisher, a shard worker,
 *       {@code stop} or an overflow eviction).
 *   <li>The latency sampling tick of non-{@code SYNC} subscriptions is a plain {@code int}, read
 *       and written without synchronization: a lost update only shifts which call is timed, never a
 *       count. Every 64th call is timed, or every call with {@link MetricsConfig#recordLatency()}.
 *       {@code SYNC} deliveries are timed by the dispatcher instead: one subscriber in turn, for
 *       every 64th publish of a type on each thread, so the publishing threads share no written
 *       state.
 *   <li>The latency histogram (allocated on the first sample) is updated atomically, once per
 *       sample, and the sample goes to the recorder the bus's metrics listeners gave this
 *       subscriber (a Micrometer {@code Timer}, say), held here so that recording needs no lookup.
 *   <li>Batch sizes are written by one thread at a time: {@link #recordBatch} is called under the
 *       batch collector's lock, which orders the writers; the fields are volatile so that {@code
 *       stats()} reads them whole and current.
 * </ul>
 */
public final class SubscriberMetrics {

  private static final int SAMPLE_MASK = 63;
  private static final SubscriberMetrics DISABLED = new SubscriberMetrics(false, false);

  private final boolean enabled;
  private final int sampleMask;
  private final OutcomeCounters outcomes = new OutcomeCounters();
  // Written per timed-or-not call by the lane's thread, while publishers read the fields around it.
  private final PaddedLong sampleTick = new PaddedLong();
  private volatile @Nullable LatencyHistogram latency;
  private volatile LatencyRecorder recorder = LatencyRecorder.NONE;
  private volatile int lastBatchSize;
  private volatile long batches;
  private volatile long batchedEvents;

  private SubscriberMetrics(boolean enabled, boolean timeEveryCall) {
    this.enabled = enabled;
    this.sampleMask = timeEveryCall ? 0 : SAMPLE_MASK;
  }

  /** The counters of a new subscriber of a bus with {@code config}. */
  public static SubscriberMetrics of(MetricsConfig config) {
    return config.enabled() ? new SubscriberMetrics(true, config.recordLatency()) : DISABLED;
  }

  /** Whether this subscriber counts (metrics are on). */
  public boolean enabled() {
    return enabled;
  }

  /** The outcome counters; only written when {@link #enabled()}. */
  public OutcomeCounters outcomes() {
    return outcomes;
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

  public void recordRetry() {
    if (enabled) {
      outcomes.recordRetry();
    }
  }

  /**
   * Whether to time the next handler call made off the publishing thread: every 64th (or every
   * one), never when disabled or for {@code SYNC} subscribers, which the dispatcher times.
   */
  public boolean sampleNext(Subscriber subscriber) {
    return enabled
        && subscriber.mode() != ProcessingMode.SYNC
        && (sampleTick.incrementPlain() & sampleMask) == 0;
  }

  /**
   * Sets where this subscriber's timed calls go besides its histogram (the metrics listeners'
   * recorders, combined). Ignored when disabled: nothing is timed then.
   */
  public void recorder(LatencyRecorder recorder) {
    if (enabled) {
      this.recorder = recorder;
    }
  }

  /** Records one timed handler call. */
  public void recordLatency(long nanos) {
    recorder.record(Math.max(0, nanos));
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

  /**
   * A reading of the counters of {@code subscriber}.
   *
   * @param routedLive its deliveries routed through counted routes and not folded yet
   * @param acceptedLive its deliveries accepted for later that the per-thread counts hold
   */
  public SubscriptionStats snapshot(Subscriber subscriber, long routedLive, long acceptedLive) {
    OutcomeCounters.Totals totals = outcomes.read(routedLive, acceptedLive);
    long batchCount = batches;
    long events = batchedEvents;
    LatencyHistogram histogram = latency;
    return new SubscriptionStats(
        subscriber.id(),
        subscriber.name(),
        subscriber.eventType(),
        subscriber.mode(),
        totals.delivered(),
        totals.filtered(),
        totals.failed(),
        totals.retried(),
        totals.deadLettered(),
        totals.dropped(),
        totals.pending(),
        lastBatchSize,
        batchCount == 0 ? 0 : (double) events / batchCount,
        histogram == null ? LatencySummary.NONE : histogram.summary());
  }
}
