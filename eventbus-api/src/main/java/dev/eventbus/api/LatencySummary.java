package dev.eventbus.api;

/**
 * Handler latency of one subscription, from sampled handler calls. By default a {@code SYNC}
 * subscription is timed on the first publish of its type on a thread and every 64th after it, when
 * its turn among the type's subscribers comes, and any other subscription every 64th call (its
 * first included); with {@code MetricsConfig.recordLatency()} every call is. A batch handler is
 * timed per batch call. Latencies go into a fixed log-scale histogram with four buckets per power
 * of two, so a percentile is the upper bound of the bucket holding it: at most 25% above the true
 * value (never above {@link #maxNanos()}, which is exact for the samples taken).
 *
 * @param samples handler calls timed
 * @param p50Nanos median latency in nanoseconds (0 without samples)
 * @param p99Nanos 99th percentile in nanoseconds (0 without samples)
 * @param maxNanos the longest sampled call in nanoseconds (0 without samples)
 * @since 0.1
 */
public record LatencySummary(long samples, long p50Nanos, long p99Nanos, long maxNanos) {

  /** No samples. */
  public static final LatencySummary NONE = new LatencySummary(0, 0, 0, 0);
}
