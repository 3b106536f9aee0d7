package dev.eventbus.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.spi.EventStore;
import dev.eventbus.api.spi.NewEvent;
import dev.eventbus.api.spi.QuarantinedEvent;
import dev.eventbus.api.spi.StoredEvent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link EventStore} must have. Extend it, implement {@link #openStore()} so
 * that every call opens a store on the same storage (a file, a database schema, a shared in-memory
 * backing), fresh and empty for each test, and every test here runs against the implementation.
 *
 * <p>Numbers in event data come back as a JSON reader gives them: {@code Integer} when the value
 * fits, else {@code Long}, and {@code Double} for fractions. Timestamps are kept at least to the
 * millisecond; the events written here use millisecond timestamps.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class EventStoreContract extends StoreContractSupport<EventStore> {

  /** For subclasses: the contract tests they run. */
  protected EventStoreContract() {}

  private static final Instant T0 = Instant.parse("2026-11-25T10:15:30.123Z");
  private static final AtomicInteger COUNTER = new AtomicInteger();

  /**
   * A new event of {@code type} with a small payload; {@code key} may be null.
   *
   * @param type the type name
   * @param key the partition key, or {@code null}
   * @param keyValues the payload as alternating keys (strings) and values; an odd last one is
   *     ignored
   * @return a version-1 event with a fresh id, a timestamp later than the previous event's and a
   *     {@code source} header
   */
  protected static NewEvent event(String type, @Nullable String key, Object... keyValues) {
    Map<String, Object> data = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      data.put((String) keyValues[i], keyValues[i + 1]);
    }
    int n = COUNTER.incrementAndGet();
    return new NewEvent(
        UUID.randomUUID(),
        type,
        1,
        T0.plus(n, ChronoUnit.MILLIS),
        key,
        Map.of("source", "contract"),
        data);
  }

  private static List<Long> positions(List<StoredEvent> events) {
    return events.stream().map(StoredEvent::position).toList();
  }

  private static List<StoredEvent> all(Stream<StoredEvent> stream) {
    try (stream) {
      return stream.toList();
    }
  }

  @Test
  void anEmptyStoreHasNothing() {
    assertThat(store().lastPosition()).isZero();
    assertThat(store().read(1)).isEmpty();
    assertThat(all(store().readFrom(0))).isEmpty();
    assertThat(store().quarantined()).isEmpty();
  }

  @Test
  void appendAssignsConsecutivePositionsFromOne() {
    List<NewEvent> batch = List.of(event("a", "k1"), event("b", null), event("a", "k2"));

    List<StoredEvent> stored = store().append(batch);

    assertThat(positions(stored)).containsExactly(1L, 2L, 3L);
    for (int i = 0; i < batch.size(); i++) {
      assertThat(stored.get(i)).isEqualTo(batch.get(i).at(i + 1));
    }
    assertThat(positions(store().append(List.of(event("c", null))))).containsExactly(4L);
    assertThat(store().lastPosition()).isEqualTo(4);
  }

  @Test
  void anEmptyAppendStoresNothing() {
    store().append(List.of(event("a", null)));

    assertThat(store().append(List.of())).isEmpty();
    assertThat(store().lastPosition()).isEqualTo(1);
  }

  @Test
  void readsGiveBackExactlyWhatWasAppended() {
    NewEvent first = event("order.placed", "order-1", "orderId", 1, "total", 2.5);
    NewEvent second = event("order.shipped", null);
    store().append(List.of(first, second));

    assertThat(store().read(1)).contains(first.at(1));
    assertThat(store().read(2)).contains(second.at(2));
    assertThat(store().read(3)).isEmpty();
    assertThat(store().read(0)).isEmpty();
    assertThat(store().read(-5)).isEmpty();
  }

  @Test
  void dataRoundTripsAsJsonTrees() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("name", "Caf\u00e9 \u20ac \ud83d\ude00 \"quoted\" \\ back\nslash");
    nested.put("missing", null);
    Map<String, Object> data = new HashMap<>();
    data.put("int", 42);
    data.put("negative", -7);
    data.put("long", 3_000_000_000L);
    data.put("double", 1.25);
    data.put("flag", true);
    data.put("list", Arrays.asList(1, "two", null, List.of(3)));
    data.put("nested", nested);
    data.put("empty", Map.of());
    NewEvent event =
        new NewEvent(UUID.randomUUID(), "tree", 3, T0, "key \u00e9", Map.of("h", "v \u20ac"), data);

    store().append(List.of(event));

    StoredEvent read = store().read(1).orElseThrow();
    assertThat(read).isEqualTo(event.at(1));
    assertThat(read.data().get("long")).isInstanceOf(Long.class);
    assertThat(read.data().get("int")).isInstanceOf(Integer.class);
    assertThat(read.data().get("double")).isInstanceOf(Double.class);
  }

  @Test
  void theStoreKeepsItsOwnCopyOfTheData() {
    Map<String, Object> data = new HashMap<>();
    data.put("n", 1);
    store().append(List.of(new NewEvent(UUID.randomUUID(), "t", 1, T0, null, Map.of(), data)));

    data.put("n", 2);

    assertThat(store().read(1).orElseThrow().data()).containsEntry("n", 1);
  }

  @Test
  void readFromStartsAtThePositionGiven() {
    store().append(List.of(event("a", null), event("b", null), event("c", null)));

    assertThat(positions(all(store().readFrom(2)))).containsExactly(2L, 3L);
    assertThat(positions(all(store().readFrom(0)))).containsExactly(1L, 2L, 3L);
    assertThat(positions(all(store().readFrom(-1)))).containsExactly(1L, 2L, 3L);
    assertThat(all(store().readFrom(4))).isEmpty();
  }

  @Test
  void readByTypeAndByPartitionKeyFilterInPositionOrder() {
    store()
        .append(
            List.of(
                event("a", "k1"),
                event("b", "k1"),
                event("a", "k2"),
                event("a", null),
                event("b", "k2"),
                event("a", "k1")));

    assertThat(positions(all(store().readByType("a", 0)))).containsExactly(1L, 3L, 4L, 6L);
    assertThat(positions(all(store().readByType("a", 4)))).containsExactly(4L, 6L);
    assertThat(all(store().readByType("zzz", 0))).isEmpty();
    assertThat(positions(all(store().readByPartitionKey("k1", 0)))).containsExactly(1L, 2L, 6L);
    assertThat(positions(all(store().readByPartitionKey("k2", 4)))).containsExactly(5L);
  }

  @Test
  void aLargeAppendIsOneConsecutiveRun() {
    List<NewEvent> batch = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      batch.add(event("bulk", "k" + (i % 16), "i", i));
    }

    List<StoredEvent> stored = store().append(batch);

    assertThat(stored).hasSize(10_000);
    assertThat(stored.get(0).position()).isEqualTo(1);
    assertThat(stored.get(9_999).position()).isEqualTo(10_000);
    try (Stream<StoredEvent> stream = store().readFrom(0)) {
      assertThat(stream.mapToInt(e -> (Integer) e.data().get("i")).toArray())
          .containsExactly(java.util.stream.IntStream.range(0, 10_000).toArray());
    }
  }

  @Test
  void concurrentAppendsGetUniqueGaplessPositionsAndKeepEachCallersOrder() throws Exception {
    int threads = 4;
    int appendsPerThread = 100;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    Map<Long, StoredEvent> byPosition = new ConcurrentHashMap<>();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String writer = "w" + t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < appendsPerThread; i++) {
                    List<NewEvent> batch = new ArrayList<>();
                    for (int j = 0; j <= i % 3; j++) {
                      batch.add(event("c", writer, "seq", i * 3 + j));
                    }
                    for (StoredEvent stored : store().append(batch)) {
                      assertThat(byPosition.put(stored.position(), stored)).isNull();
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(50, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    long total = byPosition.size();
    assertThat(store().lastPosition()).isEqualTo(total);
    assertThat(byPosition.keySet())
        .isEqualTo(
            java.util.stream.LongStream.rangeClosed(1, total).boxed().collect(Collectors.toSet()));
    for (int t = 0; t < threads; t++) {
      List<Integer> sequence =
          all(store().readByPartitionKey("w" + t, 0)).stream()
              .map(e -> (Integer) e.data().get("seq"))
              .toList();
      assertThat(sequence).isSorted().doesNotHaveDuplicates();
    }
  }

  @Test
  void quarantinedRecordsAreKeptAsideAndLeftOutOfReads() {
    store().append(List.of(event("a", "k"), event("b", "k"), event("a", "k")));

    store().quarantine(2, "unknown type b");
    store().quarantine(2, "a second reason is ignored");

    assertThat(store().read(2)).isEmpty();
    assertThat(positions(all(store().readFrom(0)))).containsExactly(1L, 3L);
    assertThat(positions(all(store().readByPartitionKey("k", 0)))).containsExactly(1L, 3L);
    assertThat(all(store().readByType("b", 0))).isEmpty();
    assertThat(store().lastPosition()).isEqualTo(3);
    List<QuarantinedEvent> quarantined = store().quarantined();
    assertThat(quarantined)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.position()).isEqualTo(2);
              assertThat(q.eventType()).isEqualTo("b");
              assertThat(q.version()).isEqualTo(1);
              assertThat(q.reason()).isEqualTo("unknown type b");
              assertThat(q.raw()).isNotBlank();
            });
    assertThatThrownBy(() -> store().quarantine(99, "nothing there"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("99");
  }

  @Test
  void contentSurvivesClosingAndReopening() {
    store().append(List.of(event("a", "k", "n", 1), event("b", null)));
    store().quarantine(1, "set aside");
    store().close();

    EventStore reopened = reopen();

    assertThat(reopened.lastPosition()).isEqualTo(2);
    assertThat(reopened.read(2).map(StoredEvent::eventType)).contains("b");
    assertThat(reopened.quarantined()).extracting(QuarantinedEvent::position).containsExactly(1L);
    assertThat(positions(reopened.append(List.of(event("c", null))))).containsExactly(3L);
  }

  @Test
  void streamsClosedEarlyReleaseWhatTheyHold() {
    store().append(List.of(event("a", "k"), event("a", "k"), event("a", "k")));

    for (int i = 0; i < 200; i++) {
      try (Stream<StoredEvent> stream = store().readFrom(0)) {
        assertThat(stream.findFirst()).isPresent();
      }
    }
    assertThat(store().append(List.of(event("a", "k")))).hasSize(1);
  }

  @Test
  void aClosedStoreRefusesEveryCall() {
    store().close();

    assertThatThrownBy(() -> store().append(List.of(event("a", null))))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store().read(1)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store().readFrom(0)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store().lastPosition()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store().quarantined()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void nullArgumentsAreRefused() {
    assertThatThrownBy(() -> store().append(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store().readByType(null, 0)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store().readByPartitionKey(null, 0))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store().quarantine(1, null)).isInstanceOf(NullPointerException.class);
  }
}
