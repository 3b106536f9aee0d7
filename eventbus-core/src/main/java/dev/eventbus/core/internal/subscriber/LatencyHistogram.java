package dev.eventbus.core.internal.subscriber;

import dev.eventbus.api.LatencySummary;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fixed log-scale histogram of latencies in nanoseconds: four buckets per power of two from 1 ns
 * to about 2^40 ns (18 minutes; longer values go into the last bucket), 160 counters in all. A
 * percentile is reported as the upper bound of the bucket it falls in, capped at the exact maximum,
 * so it is at most 25% above the true value and never below it (for values below 4 ns, exact).
 *
 * <p>Thread-safe and lock-free: recording is one atomic increment and, for a new maximum, a
 * compare-and-set. The bus records only sampled calls, so the cost does not matter on its hot path;
 * applications may use it for their own latencies (the demo does, for publish-to-handler times).
 */
public final class LatencyHistogram {

  private static final int SUB_BUCKET_BITS = 2;
  private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
  private static final int MAX_EXPONENT = 39;
  static final int BUCKETS = (MAX_EXPONENT + 1) * SUB_BUCKETS;

  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
  private final AtomicLong max = new AtomicLong();

  /** Records one latency; negative values count as 0. */
  public void record(long nanos) {
    long value = Math.max(0, nanos);
    counts.incrementAndGet(indexOf(value));
    long seen = max.get();
    while (value > seen && !max.compareAndSet(seen, value)) {
      seen = max.get();
    }
  }

  /** The bucket of a value: exact below 4, else (exponent, next two bits). */
  static int indexOf(long value) {
    if (value < SUB_BUCKETS) {
      return (int) value;
    }
    int exponent = 63 - Long.numberOfLeadingZeros(value);
    if (exponent > MAX_EXPONENT) {
      return BUCKETS - 1;
    }
    int sub = (int) (value >>> (exponent - SUB_BUCKET_BITS)) & (SUB_BUCKETS - 1);
    return exponent * SUB_BUCKETS + sub;
  }

  /** The largest value a bucket holds. */
  static long upperBound(int index) {
    if (index < SUB_BUCKETS) {
      return index;
    }
    int exponent = index / SUB_BUCKETS;
    int sub = index % SUB_BUCKETS;
    if (index == BUCKETS - 1) {
      return Long.MAX_VALUE;
    }
    return ((long) (SUB_BUCKETS + sub + 1) << (exponent - SUB_BUCKET_BITS)) - 1;
  }

  /** The sample count, p50, p99 and maximum recorded so far. */
  public LatencySummary summary() {
    long[] snapshot = new long[BUCKETS];
    long total = 0;
    for (int i = 0; i < BUCKETS; i++) {
      snapshot[i] = counts.get(i);
      total += snapshot[i];
    }
    if (total == 0) {
      return LatencySummary.NONE;
    }
    long maxNanos = max.get();
    return new LatencySummary(
        total,
        percentile(snapshot, total, 0.50, maxNanos),
        percentile(snapshot, total, 0.99, maxNanos),
        maxNanos);
  }

  private static long percentile(long[] snapshot, long total, double quantile, long maxNanos) {
    long rank = Math.max(1, (long) Math.ceil(quantile * total));
    long seen = 0;
    for (int i = 0; i < snapshot.length; i++) {
      seen += snapshot[i];
      if (seen >= rank) {
        return Math.min(upperBound(i), maxNanos);
      }
    }
    return maxNanos;
  }
}
