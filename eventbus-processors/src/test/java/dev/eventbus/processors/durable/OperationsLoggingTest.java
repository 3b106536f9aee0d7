package dev.eventbus.processors.durable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.DomainEvent;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.EventHandler;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.DurableEventStore;
import dev.eventbus.api.spi.DurableEventStore.PendingDelivery;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.durable.InMemoryEventStore;
import dev.eventbus.processors.EventBusFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What operations see in the logs: start, stop with its report, the store opened and each recovery
 * logged once, through {@link System.Logger} (which, with no other {@code LoggerFinder}, writes to
 * java.util.logging, captured here), and a handler's failure logged once whatever its retries.
 */
class OperationsLoggingTest {

  record Deposit(String account, int seq) implements DomainEvent {
    @Override
    public String eventType() {
      return "deposit";
    }

    @Override
    public String partitionKey() {
      return account;
    }
  }

  private static MapCodec codec() {
    return new MapCodec()
        .register(
            "deposit",
            Deposit.class,
            1,
            d -> {
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("account", d.account());
              data.put("seq", d.seq());
              return data;
            },
            m -> new Deposit((String) m.get("account"), (Integer) m.get("seq")));
  }

  // Held strongly: java.util.logging keeps loggers only weakly.
  private final Logger logger = Logger.getLogger("dev.eventbus");
  private final List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private final List<UnifiedEventBus> buses = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void capture() {
    logger.addHandler(capture);
  }

  @AfterEach
  void release() {
    release.countDown();
    buses.forEach(bus -> bus.stop(Duration.ofSeconds(5)));
    logger.removeHandler(capture);
  }

  private List<LogRecord> startingWith(String prefix) {
    synchronized (records) {
      return records.stream().filter(r -> r.getMessage().startsWith(prefix)).toList();
    }
  }

  private UnifiedEventBus durableBus(InMemoryEventStore store) {
    UnifiedEventBus bus =
        EventBusFactory.builder().storage(DurableStorage.builder(store, codec()).build()).build();
    buses.add(bus);
    return bus;
  }

  @Test
  void startAndStop_areLoggedOnceEach_theStopWithItsReport() {
    UnifiedEventBus bus = EventBusFactory.builder().build();
    bus.subscribe(Deposit.class, d -> {});
    bus.publish(new Deposit("A", 1));
    bus.stop(Duration.ofSeconds(5));
    bus.stop(Duration.ofSeconds(5)); // a second stop has nothing to report

    assertThat(startingWith("event bus started"))
        .singleElement()
        .satisfies(r -> assertThat(r.getLevel()).isEqualTo(Level.INFO));
    assertThat(startingWith("event bus stopped"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getLevel()).isEqualTo(Level.INFO);
              assertThat(r.getParameters()[0].toString())
                  .startsWith("ShutdownReport[completedInTime=true");
            });
  }

  @Test
  void aStopThatLeavesWork_isOneWarningNamingIt() throws Exception {
    UnifiedEventBus bus = EventBusFactory.builder().build();
    CountDownLatch running = new CountDownLatch(1);
    bus.subscribe(
        Deposit.class,
        d -> {
          running.countDown();
          release.await();
        },
        SubscriptionOptions.builder().name("stuck").mode(ProcessingMode.ASYNC).build());
    bus.publish(new Deposit("A", 1));
    bus.publish(new Deposit("A", 2));
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

    bus.stop(Duration.ofMillis(100));

    assertThat(startingWith("event bus stopped"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getLevel()).isEqualTo(Level.WARNING);
              assertThat(r.getMessage()).startsWith("event bus stopped with work left");
              assertThat(r.getParameters()[2].toString()).contains("stuck");
            });
  }

  @Test
  void aHandlerFailure_isLoggedOnce_afterItsRetries_onEveryMode() throws Exception {
    UnifiedEventBus bus =
        EventBusFactory.createWithConfig(
            EventBusConfig.builder()
                .defaultRetryPolicy(RetryPolicy.fixed(3, Duration.ZERO))
                .build());
    buses.add(bus);
    IllegalStateException syncFailure = new IllegalStateException("sync handler fails");
    IllegalStateException asyncFailure = new IllegalStateException("async handler fails");
    EventHandler<Deposit> failingSync =
        d -> {
          throw syncFailure;
        };
    EventHandler<Deposit> failingAsync =
        d -> {
          throw asyncFailure;
        };
    bus.subscribe(
        Deposit.class,
        failingSync,
        SubscriptionOptions.builder().name("sync").mode(ProcessingMode.SYNC).build());
    bus.subscribe(
        Deposit.class,
        failingAsync,
        SubscriptionOptions.builder().name("async").mode(ProcessingMode.ASYNC).build());

    bus.publishAsync(new Deposit("A", 1)).get(10, TimeUnit.SECONDS);

    synchronized (records) {
      assertThat(records.stream().filter(r -> r.getThrown() == syncFailure)).hasSize(1);
      assertThat(records.stream().filter(r -> r.getThrown() == asyncFailure)).hasSize(1);
    }
    assertThat(bus.stats().retried()).isEqualTo(4);
  }

  @Test
  void theStoreOpening_andEachRecovery_areLoggedOnce() {
    InMemoryEventStore store = InMemoryEventStore.create();
    UnifiedEventBus first = durableBus(store);
    first.subscribe(
        Deposit.class,
        d -> {
          if (d.seq() >= 3) {
            release.await(); // never returns during the first run
          }
        },
        SubscriptionOptions.builder().name("ledger").mode(ProcessingMode.ASYNC).build());
    for (int seq = 1; seq <= 6; seq++) {
      first.publish(new Deposit("A", seq));
    }
    first.stop(Duration.ofMillis(200)); // the stuck handler never finishes: a crash, to the store
    records.clear();

    UnifiedEventBus second = durableBus(store.reopen());
    List<Deposit> secondRun = Collections.synchronizedList(new ArrayList<>());
    second.subscribe(
        Deposit.class,
        secondRun::add,
        SubscriptionOptions.builder().name("ledger").mode(ProcessingMode.ASYNC).build());
    assertThat(second.stop(Duration.ofSeconds(10)).completedInTime()).isTrue();

    assertThat(startingWith("event store opened"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getLevel()).isEqualTo(Level.INFO);
              assertThat(r.getParameters()[0]).hasToString("InMemoryEventStore");
            });
    assertThat(startingWith("recovered subscription"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getLevel()).isEqualTo(Level.INFO);
              assertThat(r.getParameters()[0]).isEqualTo("ledger");
              assertThat(r.getParameters()[1]).isEqualTo(String.valueOf(secondRun.size()));
              assertThat(r.getParameters()[2]).isEqualTo("0");
            });
    assertThat(secondRun).hasSizeGreaterThanOrEqualTo(4);
    assertThat(startingWith("event bus started")).hasSize(1);
    assertThat(startingWith("event bus stopped")).hasSize(1);
  }

  /**
   * {@code store} as another instance sees it when the instance that wrote it has died: its pending
   * deliveries are not this instance's to recover, but each lease round may take them over, in
   * batches of the size asked.
   */
  private static DurableEventStore afterALeaseRanOut(InMemoryEventStore store, String name) {
    List<PendingDelivery> left;
    try (Stream<PendingDelivery> pending = store.pendingDeliveries(name)) {
      left = new ArrayList<>(pending.toList());
    }
    return (DurableEventStore)
        Proxy.newProxyInstance(
            DurableEventStore.class.getClassLoader(),
            new Class<?>[] {DurableEventStore.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "leaseRenewalInterval":
                  return Duration.ofMillis(20);
                case "renewLease":
                  return null;
                case "pendingDeliveries":
                  return Stream.empty();
                case "takeOverDeliveries":
                  synchronized (left) {
                    int limit = (Integer) args[1];
                    List<PendingDelivery> batch =
                        new ArrayList<>(left.subList(0, Math.min(limit, left.size())));
                    left.subList(0, batch.size()).clear();
                    return batch;
                  }
                case "toString":
                  return "store after a lease ran out";
                default:
                  try {
                    return method.invoke(store, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
              }
            });
  }

  @Test
  void aTakeover_isOneWarning_howeverManyBatchesItTakes() throws Exception {
    InMemoryEventStore store = InMemoryEventStore.create();
    UnifiedEventBus dead = durableBus(store);
    dead.subscribe(
        Deposit.class,
        d -> release.await(), // never returns while the instance lives: it dies with them
        SubscriptionOptions.builder().name("ledger").mode(ProcessingMode.ASYNC).build());
    int published = 1_500; // more than one takeover batch (1,000)
    for (int seq = 1; seq <= published; seq++) {
      dead.publish(new Deposit("A", seq));
    }
    dead.stop(Duration.ofMillis(100));
    DurableEventStore survivor = afterALeaseRanOut(store.reopen(), "ledger");
    int pending;
    try (Stream<PendingDelivery> deliveries = store.reopen().pendingDeliveries("ledger")) {
      pending = (int) deliveries.count();
    }
    assertThat(pending).isGreaterThan(1_000);
    records.clear();

    CountDownLatch takenOver = new CountDownLatch(pending);
    UnifiedEventBus other =
        EventBusFactory.builder()
            .storage(DurableStorage.builder(survivor, codec()).build())
            .build();
    buses.add(other);
    other.subscribe(
        Deposit.class,
        d -> takenOver.countDown(),
        SubscriptionOptions.builder().name("ledger").mode(ProcessingMode.ASYNC).build());

    assertThat(takenOver.await(30, TimeUnit.SECONDS)).as("every delivery taken over").isTrue();
    // The line comes once the last batch is dispatched, which may be after its handler ran.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (startingWith("took over").isEmpty() && System.nanoTime() - deadline < 0) {
      Thread.onSpinWait();
    }
    assertThat(startingWith("took over"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getLevel()).isEqualTo(Level.WARNING);
              assertThat(r.getParameters()).containsExactly(String.valueOf(pending), "ledger");
            });
    assertThat(startingWith("recovered subscription")).isEmpty();
  }
}
