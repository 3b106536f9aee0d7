package dev.eventbus.processors.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.EventBusStats;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.SubscriptionStats;
import dev.eventbus.api.TypeStats;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A delivery handed to a queue is counted in the publishing thread's own cell (not on a shared
 * counter): the stats stay exact whether the cell is read live, folded because the thread moved on
 * to a newer route, or folded because the thread ended; and a delivery whose route the thread left
 * during the same publish (a handler published the type through a newer route) is counted on the
 * shared counters instead, once.
 */
class QueuedDeliveryCountsTest {

  record Tick(long n) {}

  private static final SubscriptionOptions ASYNC = SubscriptionOptions.mode(ProcessingMode.ASYNC);

  @Test
  void queuedDeliveries_areExact_readLive_afterARouteChange_andAfterThePublishersEnd()
      throws Exception {
    UnifiedEventBus bus = EventBusFactory.createDefault();
    AtomicLong seen = new AtomicLong();
    Subscription stable = bus.subscribe(Tick.class, event -> seen.incrementAndGet(), ASYNC);

    // Read live: this thread's cell holds the counts, and this thread reads them.
    for (int i = 0; i < 1_000; i++) {
      bus.publish(new Tick(i));
    }
    awaitSettled(bus, seen, 1_000);
    assertExact(bus.stats(), stable, 1_000, 1_000);
    assertThat(bus.stats().delivered()).isEqualTo(1_000);

    // Folded when the threads end.
    List<Thread> publishers = new ArrayList<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    for (int p = 0; p < 4; p++) {
      publishers.add(
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < 5_000; i++) {
                    bus.publish(new Tick(i));
                  }
                } catch (Throwable t) {
                  failure.compareAndSet(null, t);
                }
              }));
    }
    publishers.forEach(Thread::start);
    for (Thread publisher : publishers) {
      publisher.join();
    }
    assertThat(failure.get()).isNull();
    awaitSettled(bus, seen, 21_000);
    assertExact(bus.stats(), stable, 21_000, 21_000);
    assertThat(bus.stats().delivered()).isEqualTo(21_000);

    // Folded when this thread moves on to a newer route of the type.
    AtomicLong otherSeen = new AtomicLong();
    Subscription other = bus.subscribe(Tick.class, event -> otherSeen.incrementAndGet(), ASYNC);
    for (int i = 0; i < 10; i++) {
      bus.publish(new Tick(i));
    }
    awaitSettled(bus, seen, 21_010);
    awaitSettled(bus, otherSeen, 10);
    EventBusStats stats = bus.stats();
    assertExact(stats, stable, 21_010, 21_010);
    assertThat(stats.delivered()).isEqualTo(21_020);
    SubscriptionStats second = stats.subscription(other.id()).orElseThrow();
    assertThat(second.delivered()).isEqualTo(10);
    assertThat(second.queueDepth()).isZero();
    bus.close();
  }

  @Test
  void aDeliveryWhoseRouteTheThreadLeftInTheSamePublish_isCountedOnce() throws Exception {
    UnifiedEventBus bus = EventBusFactory.createDefault();
    AtomicLong lateSeen = new AtomicLong();
    AtomicLong queuedSeen = new AtomicLong();
    AtomicBoolean first = new AtomicBoolean(true);
    List<Subscription> late = new ArrayList<>();
    // A SYNC handler that, on the first event, subscribes one more ASYNC handler and publishes the
    // type again: the nested publish goes through the new route, so this thread's cell leaves the
    // outer publish's route before the outer publish reaches its ASYNC subscriber. The new one runs
    // between the two (by priority), so the queued subscriber's index differs in the two routes.
    bus.subscribe(
        Tick.class,
        event -> {
          if (first.compareAndSet(true, false)) {
            late.add(
                bus.subscribe(
                    Tick.class,
                    e -> lateSeen.incrementAndGet(),
                    ASYNC.toBuilder().priority(20).build()));
            bus.publish(new Tick(-1));
          }
        },
        SubscriptionOptions.builder().priority(30).build());
    Subscription queued =
        bus.subscribe(
            Tick.class, e -> queuedSeen.incrementAndGet(), ASYNC.toBuilder().priority(10).build());

    bus.publish(new Tick(1));
    bus.publish(new Tick(2));

    awaitSettled(bus, queuedSeen, 3);
    awaitSettled(bus, lateSeen, 2);
    EventBusStats stats = bus.stats();
    TypeStats type = stats.type(Tick.class.getName()).orElseThrow();
    assertThat(type.published()).isEqualTo(3);
    assertThat(type.delivered()).isEqualTo(3 + 3 + 2); // SYNC, the queued one, the late one
    assertThat(type.pending()).isZero();
    SubscriptionStats queuedStats = stats.subscription(queued.id()).orElseThrow();
    assertThat(queuedStats.delivered()).isEqualTo(3);
    assertThat(queuedStats.queueDepth()).isZero();
    SubscriptionStats lateStats = stats.subscription(late.get(0).id()).orElseThrow();
    assertThat(lateStats.delivered()).isEqualTo(2);
    assertThat(lateStats.queueDepth()).isZero();
    bus.close();
  }

  private static void awaitSettled(UnifiedEventBus bus, AtomicLong seen, long expected) {
    Poll.until(
        () -> seen.get() == expected && bus.stats().pending() == 0,
        Duration.ofSeconds(10),
        () ->
            expected + " handled and nothing pending; handled " + seen.get() + ", " + bus.stats());
  }

  private static void assertExact(
      EventBusStats stats, Subscription subscription, long toSubscription, long published) {
    assertThat(stats.published()).isEqualTo(published);
    assertThat(stats.pending()).isZero();
    TypeStats type = stats.type(Tick.class.getName()).orElseThrow();
    assertThat(type.published()).isEqualTo(published);
    assertThat(type.pending()).isZero();
    SubscriptionStats own = stats.subscription(subscription.id()).orElseThrow();
    assertThat(own.delivered()).isEqualTo(toSubscription);
    assertThat(own.queueDepth()).isZero();
  }
}
