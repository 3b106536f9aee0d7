package dev.eventbus.processors.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.AsyncConfig;
import dev.eventbus.api.DomainEvent;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.EventHandler;
import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.StorageConfig;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.DurableEventStore.PendingDelivery;
import dev.eventbus.api.spi.EventUpcaster;
import dev.eventbus.api.spi.NewEvent;
import dev.eventbus.api.spi.QuarantinedEvent;
import dev.eventbus.api.spi.StoredEvent;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.durable.InMemoryEventStore;
import dev.eventbus.processors.EventBusFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A bus with storage: events stored before publish returns, deliveries tracked and made again. */
class DurableBusTest {

  record Deposit(String account, int amount, int seq) implements DomainEvent {
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
            2,
            d -> {
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("account", d.account());
              data.put("amount", d.amount());
              data.put("seq", d.seq());
              return data;
            },
            m ->
                new Deposit(
                    (String) m.get("account"), (Integer) m.get("amount"), (Integer) m.get("seq")));
  }

  /** Version 1 of a deposit was {acct, amt}; version 2 renamed them and added seq. */
  private static final EventUpcaster DEPOSIT_V1_TO_V2 =
      EventUpcaster.of(
          "deposit",
          1,
          data -> {
            Map<String, Object> next = new HashMap<>();
            next.put("account", data.get("acct"));
            next.put("amount", data.get("amt"));
            next.put("seq", -1);
            return next;
          });

  private final InMemoryEventStore store = InMemoryEventStore.create();
  private final List<UnifiedEventBus> buses = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stopEverything() {
    release.countDown();
    buses.forEach(bus -> bus.stop(Duration.ofSeconds(5)));
  }

  private UnifiedEventBus bus(InMemoryEventStore on) {
    UnifiedEventBus bus =
        EventBusFactory.builder()
            .storage(DurableStorage.builder(on, codec()).upcaster(DEPOSIT_V1_TO_V2).build())
            .build();
    buses.add(bus);
    return bus;
  }

  private static SubscriptionOptions async(String name) {
    return SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).name(name).build();
  }

  private List<Long> pending(InMemoryEventStore on, String subscription) {
    try (Stream<PendingDelivery> stream = on.pendingDeliveries(subscription)) {
      return stream.map(PendingDelivery::position).toList();
    }
  }

  @Test
  void everyEventIsStoredBeforePublishReturns() {
    UnifiedEventBus bus = bus(store);

    bus.publish(new Deposit("A", 10, 1));
    bus.publish(new Deposit("B", 20, 2));

    assertThat(store.lastPosition()).isEqualTo(2);
    StoredEvent first = store.read(1).orElseThrow();
    assertThat(first.eventType()).isEqualTo("deposit");
    assertThat(first.version()).isEqualTo(2);
    assertThat(first.partitionKey()).isEqualTo("A");
    assertThat(first.data()).containsEntry("account", "A").containsEntry("amount", 10);
  }

  @Test
  void asynchronousDeliveriesAreTrackedAndCompletedSynchronousOnesAreNot() {
    UnifiedEventBus bus = bus(store);
    List<Integer> ledger = Collections.synchronizedList(new ArrayList<>());
    bus.subscribe(Deposit.class, d -> ledger.add(d.seq()), async("ledger"));
    bus.subscribe(
        Deposit.class, d -> {}, SubscriptionOptions.builder().mode(ProcessingMode.SYNC).build());

    for (int i = 1; i <= 50; i++) {
      bus.publish(new Deposit("A", i, i));
    }
    assertThat(bus.stop(Duration.ofSeconds(10)).completedInTime()).isTrue();

    assertThat(ledger).hasSize(50);
    assertThat(pending(store, "ledger")).isEmpty();
    assertThat(bus.stats().redelivered()).isZero();
  }

  @Test
  void whatWasNotDeliveredBeforeAStopIsRedeliveredInOrderAfterARestart() {
    UnifiedEventBus first = bus(store);
    List<Deposit> firstRun = Collections.synchronizedList(new ArrayList<>());
    EventHandler<Deposit> stuck =
        d -> {
          firstRun.add(d);
          if (d.seq() >= 5) {
            release.await(); // never returns during the first run
          }
        };
    first.subscribe(Deposit.class, stuck, async("ledger"));
    for (int seq = 1; seq <= 20; seq++) {
      first.publish(new Deposit(seq % 2 == 0 ? "A" : "B", 1, seq));
    }
    first.stop(
        Duration.ofMillis(
            300)); // the stuck handler never finishes: a crash, as seen from the store

    UnifiedEventBus second = bus(store.reopen());
    List<Deposit> secondRun = Collections.synchronizedList(new ArrayList<>());
    second.subscribe(Deposit.class, secondRun::add, async("ledger"));
    assertThat(second.stop(Duration.ofSeconds(10)).completedInTime()).isTrue();

    List<Integer> done = new ArrayList<>();
    firstRun.stream().filter(d -> d.seq() < 5).forEach(d -> done.add(d.seq()));
    secondRun.forEach(d -> done.add(d.seq()));
    assertThat(done)
        .containsExactlyInAnyOrderElementsOf(
            java.util.stream.IntStream.rangeClosed(1, 20).boxed().toList());
    for (String account : List.of("A", "B")) {
      assertThat(secondRun.stream().filter(d -> d.account().equals(account)).map(Deposit::seq))
          .isSorted();
    }
    assertThat(second.stats().redelivered()).isEqualTo(secondRun.size()).isPositive();
    assertThat(pending(store, "ledger")).isEmpty();
  }

  @Test
  void aLargeBacklogIsRedeliveredInOrderThroughAFullQueueSkippingTheQuarantined() {
    List<NewEvent> backlog = new ArrayList<>();
    for (int seq = 1; seq <= 3_000; seq++) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("account", "acct-" + (seq % 4));
      data.put("amount", 1);
      data.put("seq", seq);
      backlog.add(
          new NewEvent(
              UUID.randomUUID(),
              "deposit",
              2,
              Instant.EPOCH,
              "acct-" + (seq % 4),
              Map.of(),
              data,
              List.of("ledger")));
    }
    store.append(backlog);
    store.quarantine(1_500, "set aside by an operator");
    EventBusConfig tinyQueues =
        EventBusConfig.builder()
            .async(
                AsyncConfig.builder()
                    .shards(2)
                    .queueSize(16)
                    .overflowPolicy(OverflowPolicy.FAIL)
                    .build())
            .build();
    UnifiedEventBus bus =
        EventBusFactory.builder()
            .config(tinyQueues)
            .storage(DurableStorage.builder(store, codec()).build())
            .build();
    buses.add(bus);
    List<Integer> got = Collections.synchronizedList(new ArrayList<>());

    bus.subscribe(Deposit.class, d -> got.add(d.seq()), async("ledger"));
    assertThat(bus.stop(Duration.ofSeconds(30)).completedInTime()).isTrue();

    assertThat(got).hasSize(2_999).doesNotContain(1_500);
    for (int account = 0; account < 4; account++) {
      int a = account;
      assertThat(got.stream().filter(seq -> seq % 4 == a).toList()).isSorted();
    }
    assertThat(bus.stats().redelivered()).isEqualTo(2_999);
    assertThat(pending(store, "ledger")).isEmpty();
  }

  @Test
  void oldVersionsAreUpcastOnRedelivery() {
    store.append(
        List.of(
            new NewEvent(
                UUID.randomUUID(),
                "deposit",
                1,
                Instant.EPOCH,
                "A",
                Map.of(),
                Map.of("acct", "A", "amt", 99),
                List.of("ledger"))));
    UnifiedEventBus bus = bus(store);
    List<Deposit> got = Collections.synchronizedList(new ArrayList<>());

    bus.subscribe(Deposit.class, got::add, async("ledger"));
    bus.stop(Duration.ofSeconds(10));

    assertThat(got).containsExactly(new Deposit("A", 99, -1));
  }

  @Test
  void anUnknownTypeIsQuarantinedAndTheRestStillDelivered() {
    store.append(
        List.of(
            new NewEvent(
                UUID.randomUUID(),
                "mystery",
                1,
                Instant.EPOCH,
                null,
                Map.of(),
                Map.of(),
                List.of("ledger")),
            new NewEvent(
                UUID.randomUUID(),
                "deposit",
                3,
                Instant.EPOCH,
                "A",
                Map.of(),
                Map.of(),
                List.of("ledger")),
            new NewEvent(
                UUID.randomUUID(),
                "deposit",
                2,
                Instant.EPOCH,
                "A",
                Map.of(),
                Map.of("account", "A", "amount", 5, "seq", 7),
                List.of("ledger"))));
    UnifiedEventBus bus = bus(store);
    List<Deposit> got = Collections.synchronizedList(new ArrayList<>());

    bus.subscribe(Deposit.class, got::add, async("ledger"));
    bus.stop(Duration.ofSeconds(10));

    assertThat(got).containsExactly(new Deposit("A", 5, 7));
    assertThat(store.quarantined())
        .extracting(QuarantinedEvent::position, QuarantinedEvent::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                1L, "unknown event type mystery (version 1) at position 1"),
            org.assertj.core.groups.Tuple.tuple(
                2L,
                "version 3 of deposit (the event at position 2) is newer than the current"
                    + " version 2"));
    assertThat(pending(store, "ledger")).isEmpty();
  }

  @Test
  void trackedSubscriptionsNeedStableUniqueNames() {
    UnifiedEventBus bus = bus(store);
    EventHandler<Deposit> lambda = d -> {};

    assertThatThrownBy(
            () ->
                bus.subscribe(
                    Deposit.class,
                    lambda,
                    SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is derived for a lambda")
        .hasMessageContaining("SubscriptionOptions.name(...)");
    var ledger = bus.subscribe(Deposit.class, lambda, async("ledger"));
    assertThatThrownBy(() -> bus.subscribe(Deposit.class, lambda, async("ledger")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'ledger' is taken by");
    bus.subscribe(
        Deposit.class, lambda, SubscriptionOptions.builder().mode(ProcessingMode.SYNC).build());
    ledger.close();
    assertThat(bus.subscribe(Deposit.class, lambda, async("ledger")).isActive()).isTrue();
  }

  @Test
  void aStoreFailureFailsThePublishAndDeliversNothing() {
    InMemoryEventStore failing = InMemoryEventStore.create();
    UnifiedEventBus bus = bus(failing);
    List<Deposit> got = new ArrayList<>();
    bus.subscribe(
        Deposit.class, got::add, SubscriptionOptions.builder().mode(ProcessingMode.SYNC).build());
    failing.close(); // every append now fails

    assertThatThrownBy(() -> bus.publish(new Deposit("A", 1, 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the event store is closed");
    assertThat(got).isEmpty();
    assertThat(bus.stats().published()).isZero();
  }

  @Test
  void anEventTheCodecDoesNotKnowIsRefusedBeforeAnythingIsStored() {
    UnifiedEventBus bus = bus(store);

    assertThatThrownBy(() -> bus.publish("a plain string"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown event class java.lang.String");
    assertThat(store.lastPosition()).isZero();
  }

  @Test
  void aReplayRebuildsAProjectionWhileLiveDeliveryGoesOn() {
    DurableStorage storage =
        DurableStorage.builder(store, codec()).upcaster(DEPOSIT_V1_TO_V2).build();
    UnifiedEventBus bus = EventBusFactory.builder().storage(storage).build();
    buses.add(bus);
    Map<String, Integer> live = new HashMap<>();
    bus.subscribe(
        Deposit.class,
        d -> live.merge(d.account(), d.amount(), Integer::sum),
        SubscriptionOptions.builder().mode(ProcessingMode.SYNC).build());
    for (int i = 1; i <= 30; i++) {
      bus.publish(new Deposit(i % 3 == 0 ? "A" : "B", i, i));
    }
    Map<String, Integer> rebuilt = new HashMap<>();

    long replayed =
        storage
            .replayer()
            .replay(0, Deposit.class, d -> rebuilt.merge(d.account(), d.amount(), Integer::sum));
    bus.publish(new Deposit("A", 1000, 31));

    assertThat(replayed).isEqualTo(30);
    assertThat(rebuilt).containsEntry("A", 165).containsEntry("B", 300);
    assertThat(live).containsEntry("A", 1165).containsEntry("B", 300);
  }

  @Test
  void durationsTooLongForNanosecondsStillBuildAWorkingBus() {
    Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
    UnifiedEventBus bus =
        EventBusFactory.builder()
            .config(
                EventBusConfig.builder()
                    .storage(
                        StorageConfig.builder().flushInterval(forever).retention(forever).build())
                    .build())
            .storage(DurableStorage.builder(store, codec()).upcaster(DEPOSIT_V1_TO_V2).build())
            .build();
    buses.add(bus);

    bus.publish(new Deposit("A", 10, 1));

    assertThat(store.lastPosition()).isEqualTo(1);
  }
}
