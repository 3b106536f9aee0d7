package vm.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.EventBusStats;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link DomainEventBus} used from many threads at once. */
class DomainEventBusConcurrencyTest {

  private static final String LOAD = "test.load";
  private static final int PUBLISHERS = 4;
  private static final int EVENTS_PER_PUBLISHER = 2_000;
  private static final int CHURNERS = 3;
  private static final int STABLE_HANDLERS = 3;

  private final UnifiedEventBus unified = EventBusFactory.createDefault();
  private final DomainEventBus bus = new DomainEventBus(unified);

  /** Every call of every handler in the test, whichever handler it was. */
  private final AtomicLong invocations = new AtomicLong();

  @AfterEach
  void closeBus() {
    unified.close();
  }

  @Test
  void concurrentSubscribeUnsubscribeAndPublish_accountForEveryDelivery() throws Exception {
    List<Set<Long>> stableSeen = new ArrayList<>();
    for (int i = 0; i < STABLE_HANDLERS; i++) {
      Set<Long> seen = ConcurrentHashMap.newKeySet();
      stableSeen.add(seen);
      bus.subscribe(LOAD, handler("stable-" + i, event -> seen.add(sequenceOf(event))));
    }
    AtomicLong wildcardSeen = new AtomicLong();
    bus.subscribe("*", handler("wildcard", event -> wildcardSeen.incrementAndGet()));

    AtomicBoolean publishing = new AtomicBoolean(true);
    AtomicLong churnOwnEvents = new AtomicLong();
    Set<EventSubscriptionId> issuedToChurners = ConcurrentHashMap.newKeySet();
    AtomicLong churnCycles = new AtomicLong();
    CyclicBarrier go = new CyclicBarrier(PUBLISHERS + CHURNERS);
    ExecutorService pool = Executors.newFixedThreadPool(PUBLISHERS + CHURNERS);
    try {
      List<Future<?>> publishers = new ArrayList<>();
      for (int p = 0; p < PUBLISHERS; p++) {
        long first = (long) p * EVENTS_PER_PUBLISHER;
        publishers.add(
            pool.submit(
                () -> {
                  go.await(30, TimeUnit.SECONDS);
                  for (long i = 0; i < EVENTS_PER_PUBLISHER; i++) {
                    bus.publish(new VmEvent(LOAD, first + i));
                  }
                  return null;
                }));
      }
      List<Future<?>> churners = new ArrayList<>();
      for (int c = 0; c < CHURNERS; c++) {
        String ownType = "test.churn." + c;
        churners.add(
            pool.submit(
                () -> {
                  go.await(30, TimeUnit.SECONDS);
                  do {
                    // Joins the publishers' type for a moment, and checks its own type end to end.
                    EventSubscriptionId onLoad =
                        bus.subscribe(LOAD, handler("churn-load", event -> {}));
                    List<DomainEvent> received = new ArrayList<>();
                    EventSubscriptionId onOwn =
                        bus.subscribe(ownType, handler("churn-own", received::add));
                    VmEvent own = new VmEvent(ownType, churnCycles.incrementAndGet());
                    bus.publish(own);
                    churnOwnEvents.incrementAndGet();
                    assertThat(received).containsExactly(own);
                    assertThat(bus.subscriberCount(ownType)).isEqualTo(1);
                    assertThat(issuedToChurners.add(onLoad)).isTrue();
                    assertThat(issuedToChurners.add(onOwn)).isTrue();
                    bus.unsubscribe(onOwn);
                    bus.unsubscribe(onLoad);
                    assertThat(bus.subscriberCount(ownType)).isZero();
                  } while (publishing.get());
                  return null;
                }));
      }
      for (Future<?> publisher : publishers) {
        publisher.get(60, TimeUnit.SECONDS);
      }
      publishing.set(false);
      for (Future<?> churner : churners) {
        churner.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    long published = (long) PUBLISHERS * EVENTS_PER_PUBLISHER;
    for (Set<Long> seen : stableSeen) {
      assertThat(seen).hasSize((int) published);
    }
    assertThat(wildcardSeen.get()).isEqualTo(published + churnOwnEvents.get());
    assertThat(churnOwnEvents.get()).isEqualTo(churnCycles.get()).isGreaterThanOrEqualTo(CHURNERS);
    assertThat(issuedToChurners).hasSize((int) (2 * churnCycles.get()));
    EventBusStats stats = unified.stats();
    assertThat(stats.published()).isEqualTo(published + churnOwnEvents.get());
    assertThat(stats.delivered()).isEqualTo(invocations.get());
    assertThat(stats.failed()).isZero();
    assertThat(stats.subscriptions()).isEqualTo(STABLE_HANDLERS + 1);
    assertThat(bus.subscriberCount(LOAD)).isEqualTo(STABLE_HANDLERS);
  }

  @Test
  void concurrentSubscribers_allGetDistinctIds_andAreAllCounted() throws Exception {
    int threads = 4;
    int perThread = 500;
    Set<EventSubscriptionId> ids = ConcurrentHashMap.newKeySet();
    CyclicBarrier go = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> tasks = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        tasks.add(
            pool.submit(
                () -> {
                  go.await(30, TimeUnit.SECONDS);
                  for (int i = 0; i < perThread; i++) {
                    ids.add(bus.subscribe(LOAD, handler("h", event -> {})));
                  }
                  return null;
                }));
      }
      for (Future<?> task : tasks) {
        task.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(ids).hasSize(threads * perThread);
    assertThat(bus.subscriberCount(LOAD)).isEqualTo(threads * perThread);
    bus.publish(new VmEvent(LOAD, 1));
    assertThat(invocations.get()).isEqualTo(threads * perThread);
  }

  private EventHandler handler(String name, LegacyHandlers.Action action) {
    return new EventHandler() {
      @Override
      public void handle(DomainEvent event) throws VmException {
        invocations.incrementAndGet();
        action.run(event);
      }

      @Override
      public String name() {
        return name;
      }
    };
  }

  private static long sequenceOf(DomainEvent event) {
    return ((VmEvent) event).sequence();
  }
}
