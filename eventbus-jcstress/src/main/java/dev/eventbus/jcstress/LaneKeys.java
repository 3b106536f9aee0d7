package dev.eventbus.jcstress;

import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.ShutdownReport;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds partition keys that an async bus delivers on different lanes, for {@link
 * AsyncTwoShardsHandOffTest}.
 *
 * <p>Which lane a key goes to is the engine's own business (its shard selector is internal, and
 * this module uses the public API only), so a probe bus is asked: it has as many lanes as the
 * test's buses, on a scheduler of its own with one thread per lane (the builder's default), and
 * notes the thread that delivers each candidate key. A lane's worker keeps to one thread, so keys
 * delivered by different threads are on different lanes; and a key's lane depends only on the key
 * and the number of lanes, so the keys are on different lanes of every bus with that many lanes.
 *
 * <p>Not in the test class: the test calls this from its static initializer, and a handler defined
 * in the test class would wait, on the lane's thread, for that initializer to finish.
 */
final class LaneKeys {

  /**
   * Keys "order-1" to "order-64" are tried; with two lanes, order-12 is the first off order-1's.
   */
  private static final int CANDIDATES = 64;

  private LaneKeys() {}

  /**
   * The first of "order-1", "order-2", ... that a bus of {@code lanes} ASYNC lanes delivers on
   * another lane than {@code key} (one of the candidates).
   *
   * @throws IllegalStateException if no candidate was delivered by another thread than {@code key}
   */
  static String keyOnAnotherLane(int lanes, String key) {
    Map<String, String> threadByKey = new ConcurrentHashMap<>();
    UnifiedEventBus probe =
        Buses.asyncBuilder(lanes, CANDIDATES, OverflowPolicy.BLOCK, Buses.DRAIN).build();
    probe.subscribe(
        Keyed.class,
        event -> threadByKey.put(event.key(), Thread.currentThread().getName()),
        SubscriptionOptions.mode(ProcessingMode.ASYNC));
    for (int i = 1; i <= CANDIDATES; i++) {
      probe.publish(new Keyed("order-" + i, 1, i));
    }
    ShutdownReport report = probe.stop(Buses.DRAIN);
    String thread = threadByKey.get(key);
    for (int i = 1; i <= CANDIDATES; i++) {
      String other = "order-" + i;
      String otherThread = threadByKey.get(other);
      if (thread != null && otherThread != null && !otherThread.equals(thread)) {
        return other;
      }
    }
    throw new IllegalStateException(
        "No two keys on different lanes: a probe bus of "
            + lanes
            + " ASYNC lanes, a thread each, delivered none of order-1 to order-"
            + CANDIDATES
            + " on another thread than "
            + key
            + " (delivering thread by key: "
            + threadByKey
            + "; stop report: "
            + report
            + ")");
  }
}
