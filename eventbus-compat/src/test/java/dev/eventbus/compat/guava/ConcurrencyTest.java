package dev.eventbus.compat.guava;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ConcurrencyTest {

  private final ExecutorService pool = Executors.newFixedThreadPool(8);

  @AfterEach
  void shutDown() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  /** Tracks how many threads are inside its method at once; waits for a partner to arrive. */
  static class Overlap {
    final AtomicInteger inside = new AtomicInteger();
    final AtomicInteger maxInside = new AtomicInteger();
    final AtomicInteger partnerMissing = new AtomicInteger();
    final CyclicBarrier barrier;
    final long waitMillis;

    Overlap(long waitMillis) {
      this.barrier = new CyclicBarrier(2);
      this.waitMillis = waitMillis;
    }

    void enter() {
      maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
      try {
        barrier.await(waitMillis, TimeUnit.MILLISECONDS);
      } catch (TimeoutException | BrokenBarrierException noPartner) {
        partnerMissing.incrementAndGet();
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      } finally {
        inside.decrementAndGet();
      }
    }
  }

  static final class Serial extends Overlap {
    Serial() {
      super(200);
    }

    @Subscribe
    public void on(String event) {
      enter();
    }
  }

  static final class Concurrent extends Overlap {
    Concurrent() {
      super(10_000);
    }

    @Subscribe
    @AllowConcurrentEvents
    public void on(String event) {
      enter();
    }
  }

  private void postFromTwoThreads(EventBus bus) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> posts = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      String event = "e" + i;
      posts.add(
          pool.submit(
              () -> {
                start.await();
                bus.post(event);
                return null;
              }));
    }
    start.countDown();
    for (Future<?> post : posts) {
      post.get(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void subscribersWithoutAllowConcurrentEventsRunOneAtATime() throws Exception {
    EventBus bus = new EventBus();
    Serial serial = new Serial();
    bus.register(serial);

    postFromTwoThreads(bus);

    assertThat(serial.maxInside).hasValue(1);
  }

  @Test
  void subscribersWithAllowConcurrentEventsMayRunTogether() throws Exception {
    EventBus bus = new EventBus();
    Concurrent concurrent = new Concurrent();
    bus.register(concurrent);

    postFromTwoThreads(bus);

    assertThat(concurrent.maxInside).hasValue(2);
    assertThat(concurrent.partnerMissing).hasValue(0);
  }

  /** Records the events it gets by id. */
  static final class Counter {
    final Set<Integer> seen = ConcurrentHashMap.newKeySet();
    final AtomicInteger calls = new AtomicInteger();

    @Subscribe
    @AllowConcurrentEvents
    public void on(Integer event) {
      seen.add(event);
      calls.incrementAndGet();
    }
  }

  @Test
  void concurrentRegisterUnregisterAndPostAccountForEveryEvent() throws Exception {
    EventBus bus = new EventBus();
    Counter always = new Counter();
    bus.register(always);
    int threads = 8;
    int perThread = 500;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Counter>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int base = t * perThread;
      results.add(
          pool.submit(
              () -> {
                Counter own = new Counter();
                start.await();
                for (int i = 0; i < perThread; i++) {
                  if (i == perThread / 4) {
                    bus.register(own);
                  }
                  if (i == 3 * perThread / 4) {
                    bus.unregister(own);
                  }
                  bus.post(base + i);
                }
                return own;
              }));
    }
    start.countDown();
    for (int t = 0; t < threads; t++) {
      Counter own = results.get(t).get(20, TimeUnit.SECONDS);
      int base = t * perThread;
      // Its own posts between register and unregister reached it, on this same thread.
      for (int i = perThread / 4; i < 3 * perThread / 4; i++) {
        assertThat(own.seen).contains(base + i);
      }
    }

    assertThat(always.calls).hasValue(threads * perThread);
    assertThat(always.seen).hasSize(threads * perThread);
  }
}
