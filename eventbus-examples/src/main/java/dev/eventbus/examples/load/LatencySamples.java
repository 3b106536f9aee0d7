package dev.eventbus.examples.load;

import dev.eventbus.api.LatencySummary;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * End-to-end latencies of one mode's deliveries: the last {@value #CAPACITY} samples, kept without
 * a lock (handlers of every mode record concurrently), summarized by sorting them. Exact for the
 * samples it keeps.
 */
final class LatencySamples {

  private static final int CAPACITY = 1 << 18;

  private final AtomicLongArray samples = new AtomicLongArray(CAPACITY);
  private final AtomicLong recorded = new AtomicLong();

  void record(long nanos) {
    long index = recorded.getAndIncrement();
    samples.set((int) (index & (CAPACITY - 1)), nanos);
  }

  /** The median, 99th percentile and maximum of the samples kept. */
  LatencySummary summary() {
    int kept = (int) Math.min(recorded.get(), CAPACITY);
    if (kept == 0) {
      return LatencySummary.NONE;
    }
    long[] sorted = new long[kept];
    for (int i = 0; i < kept; i++) {
      sorted[i] = samples.get(i);
    }
    Arrays.sort(sorted);
    return new LatencySummary(
        recorded.get(), percentile(sorted, 0.50), percentile(sorted, 0.99), sorted[kept - 1]);
  }

  private static long percentile(long[] sorted, double quantile) {
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
  }
}
