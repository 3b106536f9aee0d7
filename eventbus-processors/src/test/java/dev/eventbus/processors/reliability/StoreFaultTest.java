package dev.eventbus.processors.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.DeadLetter;
import dev.eventbus.api.DeadLetterFilter;
import dev.eventbus.api.DeadLetterQueue;
import dev.eventbus.api.DomainEvent;
import dev.eventbus.api.HandlerFailure;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.ShutdownReport;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.DurableEventStore;
import dev.eventbus.api.spi.EventCodec;
import dev.eventbus.api.spi.EventStoreException;
import dev.eventbus.api.spi.NewEvent;
import dev.eventbus.api.spi.QuarantinedEvent;
import dev.eventbus.api.spi.StoredEvent;
import dev.eventbus.api.spi.UnreadableEventException;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.durable.InMemoryEventStore;
import dev.eventbus.processors.EventBusFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A durable bus over a store that fails or is slow: a failed append fails the publish with the
 * store's exception and nothing is delivered; lost or late completions only mean the deliveries are
 * made again after a restart; a slow store slows publishers (group commit) but loses nothing.
 */
class StoreFaultTest {

  record Deposit(String account, int amount) implements DomainEvent {
    @Override
    public String eventType() {
      return "deposit";
    }

    @Override
    public String partitionKey() {
      return account;
    }
  }

  static final class DepositCodec implements EventCodec {
    @Override
    public EncodedEvent encode(Object event) {
      if (!(event instanceof Deposit deposit)) {
        throw new IllegalArgumentException("unknown event " + event);
      }
      return new EncodedEvent(
          "deposit", 1, Map.of("account", deposit.account(), "amount", deposit.amount()));
    }

    @Override
    public OptionalInt currentVersion(String eventType) {
      return eventType.equals("deposit") ? OptionalInt.of(1) : OptionalInt.empty();
    }

    @Override
    public Object decode(String eventType, int version, Map<String, Object> data) {
      if (!eventType.equals("deposit")) {
        throw new UnreadableEventException(eventType, version, "unknown type", null);
      }
      return new Deposit((String) data.get("account"), ((Number) data.get("amount")).intValue());
    }
  }

  /** A store that can fail or be slow on appends and on completions. */
  static final class FaultyStore implements DurableEventStore {
    private final DurableEventStore delegate;
    volatile boolean failAppends;
    volatile boolean failCompletions;
    volatile boolean errorOnCompletions;
    volatile boolean failDeadLetters;
    volatile long appendDelayMillis;
    volatile long completionDelayMillis;
    final AtomicInteger appendCalls = new AtomicInteger();
    final AtomicInteger completionCalls = new AtomicInteger();

    FaultyStore(DurableEventStore delegate) {
      this.delegate = delegate;
    }

    private static void slow(long millis) {
      if (millis > 0) {
        try {
          Thread.sleep(millis); // simulates a slow disk: the store's own latency
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new EventStoreException("interrupted while writing", e);
        }
      }
    }

    @Override
    public List<StoredEvent> append(List<NewEvent> events) {
      appendCalls.incrementAndGet();
      slow(appendDelayMillis);
      if (failAppends) {
        throw new EventStoreException("disk full", null);
      }
      return delegate.append(events);
    }

    @Override
    public void completeDeliveries(List<DeliveryCompletion> completions) {
      completionCalls.incrementAndGet();
      slow(completionDelayMillis);
      if (failCompletions) {
        throw new EventStoreException("completion table locked", null);
      }
      if (errorOnCompletions) {
        throw new AssertionError("a driver bug");
      }
      delegate.completeDeliveries(completions);
    }

    @Override
    public Stream<PendingDelivery> pendingDeliveries(String subscription) {
      return delegate.pendingDeliveries(subscription);
    }

    @Override
    public long pruneCompletedDeliveries(Instant completedBefore) {
      return delegate.pruneCompletedDeliveries(completedBefore);
    }

    @Override
    public Optional<StoredEvent> read(long position) {
      return delegate.read(position);
    }

    @Override
    public Stream<StoredEvent> readFrom(long fromPosition) {
      return delegate.readFrom(fromPosition);
    }

    @Override
    public Stream<StoredEvent> readByType(String eventType, long fromPosition) {
      return delegate.readByType(eventType, fromPosition);
    }

    @Override
    public Stream<StoredEvent> readByPartitionKey(String partitionKey, long fromPosition) {
      return delegate.readByPartitionKey(partitionKey, fromPosition);
    }

    @Override
    public long lastPosition() {
      return delegate.lastPosition();
    }

    @Override
    public void quarantine(long position, String reason) {
      delegate.quarantine(position, reason);
    }

    @Override
    public List<QuarantinedEvent> quarantined() {
      return delegate.quarantined();
    }

    @Override
    public void recordDeadLetter(DeadLetter letter) {
      if (failDeadLetters) {
        throw new EventStoreException("dead-letter table locked", null);
      }
      delegate.recordDeadLetter(letter);
    }

    @Override
    public List<DeadLetter> deadLetters(DeadLetterFilter filter) {
      return delegate.deadLetters(filter);
    }

    @Override
    public Optional<DeadLetter> deadLetter(DeadLetter.Id id) {
      return delegate.deadLetter(id);
    }

    @Override
    public boolean removeDeadLetter(DeadLetter.Id id) {
      return delegate.removeDeadLetter(id);
    }

    @Override
    public long purgeDeadLetters(DeadLetterFilter filter) {
      return delegate.purgeDeadLetters(filter);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  private static UnifiedEventBus durableBus(DurableEventStore store) {
    return EventBusFactory.builder()
        .storage(DurableStorage.builder(store, new DepositCodec()).build())
        .build();
  }

  private static SubscriptionOptions ledger() {
    return SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).name("ledger").build();
  }

  @Test
  void aFailingAppend_failsThePublishWithTheStoresException_andNothingIsDelivered()
      throws Exception {
    FaultyStore store = new FaultyStore(InMemoryEventStore.create());
    UnifiedEventBus bus = durableBus(store);
    List<Deposit> queued = Collections.synchronizedList(new ArrayList<>());
    List<Deposit> sync = new ArrayList<>();
    bus.subscribe(Deposit.class, queued::add, ledger());
    bus.subscribe(Deposit.class, sync::add);

    store.failAppends = true;
    assertThatThrownBy(() -> bus.publish(new Deposit("a", 1)))
        .isInstanceOf(EventStoreException.class)
        .hasMessage("disk full");
    assertThatThrownBy(() -> bus.publishAsync(new Deposit("a", 2)))
        .as("publishAsync throws too, rather than returning a failed future")
        .isInstanceOf(EventStoreException.class);

    assertThat(store.lastPosition()).isZero();
    assertThat(bus.stats().published()).as("a refused event is not counted").isZero();
    assertThat(sync).isEmpty();

    store.failAppends = false;
    assertThat(bus.publishAsync(new Deposit("a", 3)).get(10, TimeUnit.SECONDS).delivered())
        .isEqualTo(2);
    ShutdownReport report = bus.stop(Duration.ofSeconds(5));

    assertThat(report.completedInTime()).isTrue();
    assertThat(queued).containsExactly(new Deposit("a", 3));
    assertThat(sync).containsExactly(new Deposit("a", 3));
    assertThat(store.lastPosition()).isEqualTo(1);
  }

  @Test
  void failingCompletionWrites_loseNoDelivery_theyAreMadeAgainAfterARestart() throws Exception {
    InMemoryEventStore disk = InMemoryEventStore.create();
    FaultyStore store = new FaultyStore(disk);
    store.failCompletions = true;
    UnifiedEventBus first = durableBus(store);
    AtomicInteger handledFirst = new AtomicInteger();
    first.subscribe(Deposit.class, event -> handledFirst.incrementAndGet(), ledger());
    for (int i = 0; i < 5; i++) {
      assertThat(first.publishAsync(new Deposit("a", i)).get(10, TimeUnit.SECONDS).delivered())
          .isEqualTo(1);
    }
    Poll.until(
        () -> store.completionCalls.get() > 0,
        Duration.ofSeconds(5),
        () -> "a completion write attempt");
    long start = System.nanoTime();
    first.stop(Duration.ofSeconds(2));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    assertThat(handledFirst.get()).isEqualTo(5);

    UnifiedEventBus second = durableBus(disk.reopen());
    List<Deposit> again = Collections.synchronizedList(new ArrayList<>());
    second.subscribe(Deposit.class, again::add, ledger());
    Poll.until(() -> again.size() == 5, Duration.ofSeconds(10), () -> "redelivered " + again);
    second.stop(Duration.ofSeconds(5));

    assertThat(second.stats().redelivered()).isEqualTo(5);
    assertThat(again).extracting(Deposit::amount).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void aStoreThrowingAnError_doesNotEndTheCompletionWriter() throws Exception {
    InMemoryEventStore disk = InMemoryEventStore.create();
    FaultyStore store = new FaultyStore(disk);
    store.errorOnCompletions = true;
    UnifiedEventBus bus = durableBus(store);
    bus.subscribe(Deposit.class, event -> {}, ledger());

    assertThat(bus.publishAsync(new Deposit("a", 1)).get(10, TimeUnit.SECONDS).delivered())
        .isEqualTo(1);
    Poll.until(
        () -> store.completionCalls.get() >= 3,
        Duration.ofSeconds(5),
        () -> "three completion attempts, each an Error");
    store.errorOnCompletions = false;
    assertThat(bus.publishAsync(new Deposit("a", 2)).get(10, TimeUnit.SECONDS).delivered())
        .isEqualTo(1);

    // The writer survived the Errors: the second completion is written, the first stays pending
    // (it is redelivered after a restart, as for any lost completion).
    Poll.until(
        () -> pending(disk).equals(List.of(1L)),
        Duration.ofSeconds(10),
        () -> "only position 1 pending, but " + pending(disk));
    long start = System.nanoTime();
    assertThat(bus.stop(Duration.ofSeconds(5)).completedInTime()).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void aDeadLetterTheStoreCannotRecord_isCountedKeptInMemoryAndItsDeliveryStaysPending()
      throws Exception {
    InMemoryEventStore disk = InMemoryEventStore.create();
    FaultyStore store = new FaultyStore(disk);
    store.failDeadLetters = true;
    UnifiedEventBus bus = durableBus(store);
    bus.subscribe(
        Deposit.class,
        event -> {
          throw new IllegalStateException("ledger down");
        },
        SubscriptionOptions.builder()
            .mode(ProcessingMode.ASYNC)
            .name("ledger")
            .retryPolicy(RetryPolicy.none())
            .build());

    assertThat(bus.publishAsync(new Deposit("a", 1)).get(10, TimeUnit.SECONDS).failed())
        .isEqualTo(1);
    DeadLetterQueue letters = bus.deadLetters().orElseThrow();
    Poll.until(() -> letters.notStored() == 1, Duration.ofSeconds(5), () -> "a letter not stored");

    assertThat(letters.list())
        .extracting(HandlerFailure::event)
        .containsExactly(new Deposit("a", 1));
    assertThat(letters.letters(DeadLetterFilter.all()))
        .singleElement()
        .satisfies(
            letter -> {
              assertThat(letter.id()).isEqualTo(new DeadLetter.Id("ledger", 1));
              assertThat(letter.errorMessage()).isEqualTo("ledger down");
            });
    assertThat(disk.deadLetters(DeadLetterFilter.all())).isEmpty();
    assertThat(bus.stop(Duration.ofSeconds(5)).completedInTime()).isTrue();
    assertThat(pending(disk))
        .as("not completed as FAILED without a stored letter: made again after a restart")
        .containsExactly(1L);
  }

  private static List<Long> pending(InMemoryEventStore disk) {
    try (Stream<DurableEventStore.PendingDelivery> deliveries = disk.pendingDeliveries("ledger")) {
      return deliveries.map(DurableEventStore.PendingDelivery::position).toList();
    }
  }

  @Test
  void aSlowStore_slowsEachPublishByItsAppend_sharesCommitsBetweenPublishers_andLosesNothing()
      throws Exception {
    InMemoryEventStore disk = InMemoryEventStore.create();
    FaultyStore store = new FaultyStore(disk);
    store.appendDelayMillis = 20;
    UnifiedEventBus bus = durableBus(store);
    List<Deposit> queued = Collections.synchronizedList(new ArrayList<>());
    bus.subscribe(Deposit.class, queued::add, ledger());
    int threads = 8;
    int each = 5;
    CyclicBarrier start = new CyclicBarrier(threads);
    AtomicLong fastest = new AtomicLong(Long.MAX_VALUE);
    List<Thread> publishers = new ArrayList<>();
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < threads; t++) {
      String account = "acct-" + t;
      Thread publisher =
          new Thread(
              () -> {
                try {
                  start.await(10, TimeUnit.SECONDS);
                  for (int i = 0; i < each; i++) {
                    long began = System.nanoTime();
                    bus.publish(new Deposit(account, i));
                    fastest.accumulateAndGet(System.nanoTime() - began, Math::min);
                  }
                } catch (Throwable failure) {
                  failures.add(failure);
                }
              });
      publishers.add(publisher);
      publisher.start();
    }
    for (Thread publisher : publishers) {
      publisher.join(TimeUnit.SECONDS.toMillis(20));
      assertThat(publisher.isAlive()).isFalse();
    }
    assertThat(failures).isEmpty();
    Poll.until(
        () -> queued.size() == threads * each, Duration.ofSeconds(10), () -> "got " + queued);

    assertThat(Duration.ofNanos(fastest.get()))
        .as("publish returns only once the event is stored")
        .isGreaterThanOrEqualTo(Duration.ofMillis(20));
    assertThat(store.appendCalls.get())
        .as("group commit: concurrent publishes share appends")
        .isLessThan(threads * each);
    assertThat(disk.lastPosition()).isEqualTo(threads * each);

    // Completion writes as slow as 3 s each do not hold a stop past its deadline; what they
    // did not record is made again after a restart, nothing is lost.
    store.completionDelayMillis = 3_000;
    for (int i = 0; i < 3; i++) {
      bus.publishAsync(new Deposit("late", i)).get(10, TimeUnit.SECONDS);
    }
    long began = System.nanoTime();
    ShutdownReport report = bus.stop(Duration.ofMillis(100));
    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(2));
    assertThat(report.totalUndelivered()).isZero();

    UnifiedEventBus restarted = durableBus(disk.reopen());
    List<Deposit> again = Collections.synchronizedList(new ArrayList<>());
    restarted.subscribe(Deposit.class, again::add, ledger());
    Poll.until(
        () -> restarted.stats().redelivered() == again.size(),
        Duration.ofSeconds(5),
        () -> "redelivered " + again);
    restarted.stop(Duration.ofSeconds(5));
    assertThat(again)
        .as("at least the 3 whose completions were not written")
        .contains(new Deposit("late", 0), new Deposit("late", 1), new Deposit("late", 2));
  }
}
