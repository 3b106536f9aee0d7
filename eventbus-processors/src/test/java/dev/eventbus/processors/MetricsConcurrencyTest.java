package dev.eventbus.processors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.EventBusStats;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.SubscriptionStats;
import dev.eventbus.api.TypeStats;
import dev.eventbus.api.UnifiedEventBus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The per-thread route counts stay exact while routes change under the publishers (subscriptions
 * come and go), while stats are read concurrently, and after the publishing threads have ended
 * (their cells are folded).
 */
class MetricsConcurrencyTest {

  record Tick(long n) {}

  private static final int PUBLISHERS = 4;
  private static final int PER_PUBLISHER = 20_000;

  @Test
  void countsStayExactWhileRoutesChangeAndThreadsEnd() throws Exception {
    UnifiedEventBus bus = EventBusFactory.createDefault();
    AtomicLong stableSeen = new AtomicLong();
    Subscription stable = bus.subscribe(Tick.class, event -> stableSeen.incrementAndGet());
    AtomicLong churnedSeen = new AtomicLong();
    AtomicBoolean publishing = new AtomicBoolean(true);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CyclicBarrier start = new CyclicBarrier(PUBLISHERS + 3);

    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < PUBLISHERS; p++) {
      threads.add(
          new Thread(
              () -> {
                try {
                  start.await();
                  for (int i = 0; i < PER_PUBLISHER; i++) {
                    bus.publish(new Tick(i));
                  }
                } catch (Throwable t) {
                  failure.compareAndSet(null, t);
                }
              }));
    }
    // Subscribes and closes a second subscriber again and again: every change is a new route for
    // Tick, which makes every publisher fold its count for the old one.
    Thread churn =
        new Thread(
            () -> {
              try {
                start.await();
                while (publishing.get()) {
                  Subscription extra =
                      bus.subscribe(Tick.class, event -> churnedSeen.incrementAndGet());
                  Thread.onSpinWait();
                  extra.close();
                }
              } catch (Throwable t) {
                failure.compareAndSet(null, t);
              }
            });
    // Reads stats while all of this goes on: a count folded while it is read would show up twice
    // or not at all, so the published count would overshoot or go back.
    Thread reader =
        new Thread(
            () -> {
              try {
                start.await();
                long last = 0;
                while (publishing.get()) {
                  long now = bus.stats().published();
                  assertThat(now).isBetween(last, (long) PUBLISHERS * PER_PUBLISHER);
                  last = now;
                }
              } catch (Throwable t) {
                failure.compareAndSet(null, t);
              }
            });
    threads.forEach(Thread::start);
    churn.start();
    reader.start();
    start.await();
    for (Thread thread : threads) {
      thread.join();
    }
    publishing.set(false);
    churn.join();
    reader.join();
    assertThat(failure.get()).isNull();

    // Every publisher thread has ended: their cells are folded on this read.
    EventBusStats stats = bus.stats();
    long published = (long) PUBLISHERS * PER_PUBLISHER;
    assertThat(stats.published()).isEqualTo(published);
    TypeStats type = stats.type(Tick.class.getName()).orElseThrow();
    assertThat(type.published()).isEqualTo(published);
    assertThat(type.unhandled()).isZero();
    assertThat(type.delivered()).isEqualTo(stableSeen.get() + churnedSeen.get());
    assertThat(stats.delivered()).isEqualTo(type.delivered());
    SubscriptionStats stableStats = stats.subscription(stable.id()).orElseThrow();
    assertThat(stableSeen.get()).isEqualTo(published);
    assertThat(stableStats.delivered()).isEqualTo(published);
    assertThat(stableStats.queueDepth()).isZero();
    bus.close();
  }
}
