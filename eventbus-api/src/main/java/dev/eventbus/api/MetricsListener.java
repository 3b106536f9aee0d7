package dev.eventbus.api;

/**
 * Told by a bus when its meters should come and go, so that a metrics library (Micrometer, say)
 * registers them when the thing they measure appears rather than when it is first scraped, and
 * receives handler latencies as they are measured. Added with {@code
 * UnifiedEventBus.addMetricsListener}; a listener added to a bus that already has subscriptions and
 * counted types is told of each of them at once.
 *
 * <p>The bus calls the methods under one lock of its own, so calls to one listener never overlap,
 * and never on the path of a publish that reuses a route it has seen: {@link #subscribed} and
 * {@link #unsubscribed} on the subscribing thread, {@link #typeCounted} when the bus first counts a
 * type name. A method that throws is logged and ignored. Only the {@link LatencyRecorder}s returned
 * are called while events flow; they must be thread-safe and cheap.
 *
 * @since 0.1
 */
public interface MetricsListener {

  /**
   * A subscription was made (or existed when this listener was added). Called before {@code
   * subscribe} returns.
   *
   * @param subscription the new subscription: its {@link Subscription#name() name} is stable across
   *     runs
   * @return where the latencies of its timed handler calls go, or {@link LatencyRecorder#NONE}
   */
  LatencyRecorder subscribed(Subscription subscription);

  /**
   * A subscription was removed; its recorder is not called again.
   *
   * @param subscription the removed subscription, as {@link #subscribed} was told of it
   */
  void unsubscribed(Subscription subscription);

  /**
   * The bus counts the event type name {@code type} from now on: on its first publish, or when this
   * listener was added if it had been counted before. With more type names than {@code
   * MetricsConfig.maxTrackedEventTypes()}, the rest are counted together as {@code
   * TypeStats.OTHER}, which is announced once like any other.
   *
   * @param type the event type name now counted
   */
  default void typeCounted(String type) {}

  /**
   * Receives the latencies of one subscription's timed handler calls: which calls are timed is set
   * by {@code MetricsConfig} (a sample by default, every call with {@code recordLatency}). Called
   * on the thread that ran the handler, right after it returned or threw.
   */
  @FunctionalInterface
  interface LatencyRecorder {

    /** Records nothing. */
    LatencyRecorder NONE = nanos -> {};

    /**
     * Records one handler call.
     *
     * @param nanos how long the call took, in nanoseconds, at least 0
     */
    void record(long nanos);
  }
}
