package dev.eventbus.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.DeadLetter;
import dev.eventbus.api.DeadLetterFilter;
import dev.eventbus.api.DeadLetterQueue;
import dev.eventbus.api.DeadLetterQueue.ReplayReport;
import dev.eventbus.api.HandlerFailure;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.DurableEventStore.PendingDelivery;
import dev.eventbus.api.spi.EventUpcaster;
import dev.eventbus.codec.jackson.JacksonEventCodec;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.processors.EventBusFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Durable dead letters end to end, on a JDBC store: a delivery that fails for good is stored as a
 * letter (attempts, first and last failure, error), survives a restart of bus and store, and is
 * listed, filtered, replayed (through the upcasters, to its subscription only) and purged through
 * {@link UnifiedEventBus#deadLetters()}. Subclasses name the database.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class DurableDeadLettersTests {

  /** Version 2 of a note: v1 was {text}; v2 added the author. */
  public record Note(String text, String author) {}

  /** Version 1, as an older application published it. */
  public record NoteV1(String text) {}

  /** Another event type. */
  public record Alarm(String text) {}

  protected abstract JdbcStoreConfig config();

  private static final Instant T0 = Instant.parse("2026-12-05T06:00:00Z");

  /** A clock the test sets; stamps failures and events. */
  private static final class SetClock extends Clock {
    final AtomicReference<Instant> now = new AtomicReference<>(T0);

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }

  /** A handler that fails until fixed and records what it handled. */
  private static final class Ledger {
    final AtomicBoolean fixed = new AtomicBoolean();
    final List<Object> handled = Collections.synchronizedList(new ArrayList<>());

    void handle(Object event) {
      if (!fixed.get()) {
        throw new IllegalStateException("ledger down for " + event);
      }
      handled.add(event);
    }
  }

  private final SetClock clock = new SetClock();
  private final List<UnifiedEventBus> buses = new ArrayList<>();
  private final List<JdbcEventStore> stores = new ArrayList<>();

  @AfterEach
  void stopEverything() {
    buses.forEach(bus -> bus.stop(Duration.ofSeconds(5)));
    stores.forEach(JdbcEventStore::close);
  }

  private JdbcEventStore store() {
    JdbcEventStore store = JdbcEventStore.open(config());
    stores.add(store);
    return store;
  }

  private UnifiedEventBus bus(JdbcEventStore store) {
    return bus(
        DurableStorage.builder(
                store,
                JacksonEventCodec.builder()
                    .register(Note.class, "note", 2)
                    .register(Alarm.class, "alarm", 1)
                    .build())
            .upcaster(
                EventUpcaster.of(
                    "note",
                    1,
                    v1 -> {
                      Map<String, Object> v2 = new HashMap<>(v1);
                      v2.put("author", "unknown");
                      return v2;
                    }))
            .build());
  }

  private UnifiedEventBus bus(DurableStorage storage) {
    UnifiedEventBus bus = EventBusFactory.builder().clock(clock).storage(storage).build();
    buses.add(bus);
    return bus;
  }

  private static SubscriptionOptions tracked(String name, int attempts) {
    return SubscriptionOptions.builder()
        .mode(ProcessingMode.ASYNC)
        .name(name)
        .retryPolicy(
            attempts == 1 ? RetryPolicy.none() : RetryPolicy.fixed(attempts, Duration.ofMillis(1)))
        .build();
  }

  private static void until(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(5);
    }
  }

  private static List<DeadLetter> letters(UnifiedEventBus bus) {
    return bus.deadLetters().orElseThrow().letters(DeadLetterFilter.all());
  }

  private static List<Long> pending(JdbcEventStore store, String subscription) {
    try (Stream<PendingDelivery> pending = store.pendingDeliveries(subscription)) {
      return pending.map(PendingDelivery::position).toList();
    }
  }

  @Test
  void aFinalFailureSurvivesARestart_andReplaysOnceTheHandlerIsFixed() throws Exception {
    JdbcEventStore firstStore = store();
    UnifiedEventBus first = bus(firstStore);
    Ledger broken = new Ledger();
    first.subscribe(Note.class, broken::handle, tracked("ledger", 3));

    first.publish(new Note("n-1", "ada"));
    until(() -> letters(first).size() == 1, "a stored letter");
    until(() -> pending(firstStore, "ledger").isEmpty(), "the delivery completed as FAILED");
    first.stop(Duration.ofSeconds(5));
    firstStore.close();

    JdbcEventStore secondStore = store();
    UnifiedEventBus second = bus(secondStore);
    Ledger ledger = new Ledger();
    ledger.fixed.set(true);
    second.subscribe(Note.class, ledger::handle, tracked("ledger", 3));
    DeadLetterQueue queue = second.deadLetters().orElseThrow();

    DeadLetter letter = queue.letters(DeadLetterFilter.all()).get(0);
    assertThat(letter.id()).isEqualTo(new DeadLetter.Id("ledger", 1));
    assertThat(letter.eventType()).isEqualTo("note");
    assertThat(letter.attempts()).isEqualTo(3);
    assertThat(letter.firstFailedAt()).isEqualTo(T0);
    assertThat(letter.lastFailedAt()).isEqualTo(T0);
    assertThat(letter.errorType()).isEqualTo(IllegalStateException.class.getName());
    assertThat(letter.errorMessage()).isEqualTo("ledger down for " + new Note("n-1", "ada"));
    assertThat(letter.stackTrace())
        .startsWith(IllegalStateException.class.getName() + ": ledger down")
        .contains("Ledger.handle");
    assertThat(queue.list()).as("this run has had no failure").isEmpty();
    assertThat(ledger.handled).as("a dead letter is not redelivered by itself").isEmpty();

    assertThat(queue.replay(letter.id())).isEqualTo(new ReplayReport(1, 0, 0));

    assertThat(ledger.handled).containsExactly(new Note("n-1", "ada"));
    assertThat(queue.letters(DeadLetterFilter.all())).isEmpty();
    assertThat(secondStore.deadLetters(DeadLetterFilter.all())).isEmpty();
  }

  @Test
  void aReplayReadsAnOldVersionThroughTheUpcasters() throws Exception {
    JdbcEventStore oldStore = store();
    UnifiedEventBus old =
        bus(
            DurableStorage.builder(
                    oldStore, JacksonEventCodec.builder().register(NoteV1.class, "note", 1).build())
                .build());
    old.subscribe(NoteV1.class, new Ledger()::handle, tracked("ledger", 1));
    old.publish(new NoteV1("from v1"));
    until(() -> letters(old).size() == 1, "a stored letter");
    old.stop(Duration.ofSeconds(5));

    UnifiedEventBus current = bus(store());
    Ledger ledger = new Ledger();
    ledger.fixed.set(true);
    current.subscribe(Note.class, ledger::handle, tracked("ledger", 1));

    assertThat(current.deadLetters().orElseThrow().replayAll())
        .isEqualTo(new ReplayReport(1, 0, 0));
    assertThat(ledger.handled).containsExactly(new Note("from v1", "unknown"));
  }

  @Test
  void aSyncSubscriptionsFailureIsKeptInMemoryOnly_andReplayAllReplaysItWithTheStoredLetters()
      throws Exception {
    UnifiedEventBus bus = bus(store());
    Ledger async = new Ledger();
    Ledger sync = new Ledger();
    bus.subscribe(Note.class, async::handle, tracked("ledger", 1));
    bus.subscribe(
        Note.class,
        sync::handle,
        SubscriptionOptions.builder()
            .mode(ProcessingMode.SYNC)
            .name("cache")
            .retryPolicy(RetryPolicy.none())
            .build());
    Note note = new Note("n-1", "ada");
    bus.publish(note);
    until(() -> letters(bus).size() == 1, "the ASYNC subscription's stored letter");
    DeadLetterQueue queue = bus.deadLetters().orElseThrow();
    assertThat(letters(bus))
        .extracting(letter -> letter.id().subscriptionName())
        .containsExactly("ledger");
    assertThat(queue.list())
        .extracting(HandlerFailure::subscriptionName)
        .containsExactlyInAnyOrder("ledger", "cache");

    async.fixed.set(true);
    sync.fixed.set(true);
    assertThat(queue.replayAll()).isEqualTo(new ReplayReport(2, 0, 0));

    assertThat(async.handled).containsExactly(note);
    assertThat(sync.handled).containsExactly(note);
    assertThat(letters(bus)).isEmpty();
    assertThat(queue.list())
        .as("the SYNC failure was replayed from memory; the ASYNC one is this run's record")
        .extracting(HandlerFailure::subscriptionName)
        .containsExactly("ledger");
    assertThat(queue.replayAll()).as("nothing twice").isEqualTo(new ReplayReport(0, 0, 0));
  }

  @Test
  void aReplayThatFailsAgainAddsAttempts_andOneWithoutItsSubscriptionStaysAndIsCounted()
      throws Exception {
    UnifiedEventBus bus = bus(store());
    Ledger ledger = new Ledger();
    Subscription subscription = bus.subscribe(Note.class, ledger::handle, tracked("ledger", 2));
    bus.publish(new Note("n-1", "ada"));
    until(() -> letters(bus).size() == 1, "a stored letter");
    DeadLetterQueue queue = bus.deadLetters().orElseThrow();
    DeadLetter.Id id = new DeadLetter.Id("ledger", 1);

    clock.now.set(T0.plusSeconds(60));
    assertThat(queue.replay(DeadLetterFilter.all().subscription("ledger")))
        .isEqualTo(new ReplayReport(0, 1, 0));

    DeadLetter again = queue.letters(DeadLetterFilter.all()).get(0);
    assertThat(again.id()).isEqualTo(id);
    assertThat(again.attempts()).isEqualTo(4);
    assertThat(again.firstFailedAt()).isEqualTo(T0);
    assertThat(again.lastFailedAt()).isEqualTo(T0.plusSeconds(60));

    subscription.close();
    assertThat(queue.replay(id)).isEqualTo(new ReplayReport(0, 0, 1));
    assertThat(queue.letters(DeadLetterFilter.all())).containsExactly(again);
  }

  @Test
  void lettersAreFilteredBySubscriptionTypeAndTime_andPurged() throws Exception {
    UnifiedEventBus bus = bus(store());
    bus.subscribe(Note.class, new Ledger()::handle, tracked("ledger", 1));
    bus.subscribe(Note.class, new Ledger()::handle, tracked("audit", 1));
    bus.subscribe(Alarm.class, new Ledger()::handle, tracked("pager", 1));
    bus.publish(new Note("n-1", "ada"));
    until(() -> letters(bus).size() == 2, "two letters");
    clock.now.set(T0.plusSeconds(3600));
    bus.publish(new Alarm("fire"));
    until(() -> letters(bus).size() == 3, "three letters");
    DeadLetterQueue queue = bus.deadLetters().orElseThrow();

    assertThat(queue.letters(DeadLetterFilter.all()))
        .extracting(DeadLetter::id)
        .containsExactly(
            new DeadLetter.Id("audit", 1),
            new DeadLetter.Id("ledger", 1),
            new DeadLetter.Id("pager", 2));
    assertThat(queue.letters(DeadLetterFilter.all().subscription("ledger")))
        .extracting(DeadLetter::id)
        .containsExactly(new DeadLetter.Id("ledger", 1));
    assertThat(queue.letters(DeadLetterFilter.all().eventType("alarm")))
        .extracting(DeadLetter::id)
        .containsExactly(new DeadLetter.Id("pager", 2));
    assertThat(queue.letters(DeadLetterFilter.all().failedBetween(T0, T0.plusSeconds(60))))
        .extracting(DeadLetter::id)
        .containsExactly(new DeadLetter.Id("audit", 1), new DeadLetter.Id("ledger", 1));

    queue.purge(new DeadLetter.Id("audit", 1));
    assertThat(queue.purge(DeadLetterFilter.all().eventType("note"))).isEqualTo(1);
    assertThat(queue.letters(DeadLetterFilter.all()))
        .extracting(DeadLetter::id)
        .containsExactly(new DeadLetter.Id("pager", 2));
  }

  @Test
  void badInputIsRefusedNamingWhatIsWrong() {
    DeadLetterQueue queue = bus(store()).deadLetters().orElseThrow();

    assertThatThrownBy(() -> queue.replay(new DeadLetter.Id("ledger", 99)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no dead letter ledger@99 in the store");
    assertThatThrownBy(() -> queue.purge(new DeadLetter.Id("ledger", 99)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no dead letter ledger@99 in the store");
    assertThatThrownBy(() -> queue.replay((DeadLetter.Id) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("id");
    assertThatThrownBy(() -> queue.letters(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("filter");
    assertThatThrownBy(() -> new DeadLetter.Id(" ", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("subscriptionName must not be blank but was ' '");
    assertThatThrownBy(() -> new DeadLetter.Id("ledger", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("position must be >= 1 but was 0");
  }

  @Test
  void quarantinedRecordsAreListedApartWithTheirReason() {
    JdbcEventStore store = store();
    UnifiedEventBus bus = bus(store);
    bus.publish(new Note("n-1", "ada"));
    store.quarantine(1, "unknown event type note (version 9) at position 1");

    DeadLetterQueue queue = bus.deadLetters().orElseThrow();

    assertThat(queue.quarantined())
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.position()).isEqualTo(1);
              assertThat(record.reason()).contains("unknown event type note");
            });
    assertThat(queue.letters(DeadLetterFilter.all())).isEmpty();
  }
}
