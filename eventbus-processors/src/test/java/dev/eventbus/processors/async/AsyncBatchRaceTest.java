package dev.eventbus.processors.async;

import static dev.eventbus.processors.async.AsyncTestSupport.TIMEOUT;
import static dev.eventbus.processors.async.AsyncTestSupport.busTelling;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.DroppedDelivery;
import dev.eventbus.api.EventHandler;
import dev.eventbus.api.EventPriority;
import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.async.AsyncTestSupport.Drops;
import dev.eventbus.processors.async.AsyncTestSupport.Ev;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Producers race the lane's worker, which takes queued events in batches and starts them without a
 * lock, while the slow paths (a full lane's policy, a closing subscription) take the batch's
 * unstarted events back. Whatever interleaving happens: each producer's events of one priority
 * arrive in publish order, none twice, and every one is accounted for exactly once (delivered, or
 * dropped and told to the drop listener).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AsyncBatchRaceTest {

  private static final int PRODUCERS = 4;
  private static final int EVENTS = 5_000;
  private static final int CAPACITY = 32;

  @Test
  void dropOldest_withChurningSubscriptions_keepsOrderAndExactAccounts() throws Exception {
    Drops drops = new Drops();
    UnifiedEventBus bus = busTelling(drops, CAPACITY, OverflowPolicy.DROP_OLDEST, Duration.ZERO);
    try {
      Arrivals arrivals = new Arrivals();
      bus.subscribe("work", arrivals);
      AtomicBoolean publishing = new AtomicBoolean(true);
      // Each close takes the closed subscription's events out of the lane, the batch included.
      Thread churn =
          new Thread(
              () -> {
                while (publishing.get()) {
                  Subscription passing = bus.subscribe("work", event -> Thread.onSpinWait());
                  Thread.yield();
                  passing.close();
                }
              },
              "churn");
      churn.start();
      publishAll(bus);
      publishing.set(false);
      churn.join(TIMEOUT.toMillis());

      awaitSettled(bus);
      List<Ev> dropped = droppedFor("work", drops);
      assertOrderedAndExact(arrivals.all(), dropped);
      assertThat(dropped).as("a lane of %d under four producers overflows", CAPACITY).isNotEmpty();
    } finally {
      bus.stop(TIMEOUT);
    }
  }

  @Test
  void block_withFourProducers_neverTimesOutWhileTheWorkerMakesRoom() throws Exception {
    Drops drops = new Drops();
    UnifiedEventBus bus = busTelling(drops, CAPACITY, OverflowPolicy.BLOCK, Duration.ofSeconds(30));
    try {
      Arrivals arrivals = new Arrivals();
      bus.subscribe("work", arrivals);

      publishAll(bus);

      awaitSettled(bus);
      assertThat(drops.all()).as("BLOCK waits for room, and the worker always makes it").isEmpty();
      assertOrderedAndExact(arrivals.all(), List.of());
    } finally {
      bus.stop(TIMEOUT);
    }
  }

  /** Four producers, each its own partition key, mixed priorities; throws what a producer threw. */
  private static void publishAll(UnifiedEventBus bus) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> producers = new ArrayList<>();
    for (int p = 0; p < PRODUCERS; p++) {
      int producer = p;
      Thread thread =
          new Thread(
              () -> {
                SplittableRandom random = new SplittableRandom(producer);
                try {
                  start.await();
                  for (int seq = 0; seq < EVENTS; seq++) {
                    EventPriority priority =
                        EventPriority.values()[random.nextInt(EventPriority.values().length)];
                    bus.publish(new Ev("work", "key-" + producer, priority, producer, seq));
                  }
                } catch (Throwable t) {
                  failure.compareAndSet(null, t);
                }
              },
              "producer-" + p);
      thread.start();
      producers.add(thread);
    }
    start.countDown();
    for (Thread thread : producers) {
      thread.join(TIMEOUT.toMillis());
    }
    if (failure.get() != null) {
      throw new AssertionError("a producer failed", failure.get());
    }
  }

  private static void awaitSettled(UnifiedEventBus bus) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (bus.stats().pending() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertThat(bus.stats().pending()).as("every delivery settled").isZero();
  }

  private static List<Ev> droppedFor(String subscription, Drops drops) {
    List<Ev> dropped = new ArrayList<>();
    for (DroppedDelivery drop : drops.all()) {
      if (drop.subscriptionName().equals(subscription)) {
        dropped.add((Ev) drop.event());
      }
    }
    return dropped;
  }

  private static void assertOrderedAndExact(List<Ev> delivered, List<Ev> dropped) {
    Map<String, Integer> last = new HashMap<>();
    for (Ev event : delivered) {
      String stream = event.producer() + "/" + event.priority();
      Integer before = last.put(stream, event.seq());
      assertThat(before == null || before < event.seq())
          .as("%s arrived after seq %s of its producer and priority", event, before)
          .isTrue();
    }
    List<Ev> all = new ArrayList<>(delivered);
    all.addAll(dropped);
    assertThat(all).doesNotHaveDuplicates().hasSize(PRODUCERS * EVENTS);
  }

  /** Keeps the events it gets, in arrival order. */
  private static final class Arrivals implements EventHandler<Object> {
    private final ConcurrentLinkedQueue<Ev> events = new ConcurrentLinkedQueue<>();

    @Override
    public void handle(Object event) {
      events.add((Ev) event);
    }

    @Override
    public String name() {
      return "work";
    }

    List<Ev> all() {
      return List.copyOf(events);
    }
  }
}
