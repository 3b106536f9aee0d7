package dev.eventbus.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.eventbus.api.spi.DurableEventStore.DeliveryCompletion;
import dev.eventbus.api.spi.DurableEventStore.Outcome;
import dev.eventbus.api.spi.DurableEventStore.PendingDelivery;
import dev.eventbus.api.spi.EventStoreException;
import dev.eventbus.api.spi.NewEvent;
import dev.eventbus.api.spi.QuarantinedEvent;
import dev.eventbus.api.spi.Snapshot;
import dev.eventbus.api.spi.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the JDBC stores do beyond the storage contracts, on each database: migrations, unreadable
 * rows, several pools writing to one database, ownership of the pool, deliveries stored with their
 * events and paged.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class JdbcStoreTests {

  private static final Instant T0 = Instant.parse("2026-11-25T10:15:30.123Z");

  private final List<AutoCloseable> toClose = Collections.synchronizedList(new ArrayList<>());

  /** The configuration of this test's database, the same on every call within a test. */
  protected abstract JdbcStoreConfig config();

  /** A plain JDBC connection to this test's database, outside any store. */
  protected abstract Connection plainConnection() throws SQLException;

  @AfterEach
  final void closeEverything() throws Exception {
    List<AutoCloseable> copy;
    synchronized (toClose) {
      copy = new ArrayList<>(toClose);
    }
    Collections.reverse(copy);
    for (AutoCloseable each : copy) {
      each.close();
    }
  }

  /** A database on {@link #config()}, closed after the test. */
  protected final JdbcDatabase openDatabase() {
    return closeLater(JdbcDatabase.open(config()));
  }

  /** {@code closeable}, closed after the test. */
  protected final <T extends AutoCloseable> T closeLater(T closeable) {
    toClose.add(closeable);
    return closeable;
  }

  protected static NewEvent event(String type, @Nullable String key, int n) {
    return new NewEvent(
        UUID.randomUUID(),
        type,
        1,
        T0.plusMillis(n),
        key,
        Map.of("source", "jdbc-test"),
        Map.of("n", n));
  }

  private static List<NewEvent> events(String type, int count) {
    List<NewEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(event(type, "k" + (i % 3), i));
    }
    return events;
  }

  private static List<Long> positions(Stream<StoredEvent> stream) {
    try (stream) {
      return stream.map(StoredEvent::position).toList();
    }
  }

  /** {@code event} with pending deliveries to {@code subscriptions}. */
  private static NewEvent tracked(NewEvent event, String... subscriptions) {
    return event.withDeliveries(List.of(subscriptions));
  }

  private static List<Long> pending(JdbcEventStore store, String subscription) {
    try (Stream<PendingDelivery> stream = store.pendingDeliveries(subscription)) {
      return stream.map(PendingDelivery::position).toList();
    }
  }

  /** The rows of the deliveries table: subscription, position, outcome, completion time. */
  private List<String> deliveryRows() throws SQLException {
    try (Connection connection = plainConnection()) {
      return query(
          connection,
          "SELECT subscription, position, outcome, completed_at FROM eventbus_deliveries"
              + " ORDER BY subscription, position");
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = plainConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** The schema version this library migrates to: its last step's. */
  private int latestVersion() {
    List<Migrations.Step> steps = Migrations.steps(config().dialect());
    return steps.get(steps.size() - 1).version();
  }

  /** The rows a fully migrated database lists, as {@link #schemaVersionRows()} gives them. */
  private List<String> allSteps() {
    return Migrations.steps(config().dialect()).stream()
        .map(step -> step.version() + " " + step.description())
        .toList();
  }

  private List<String> schemaVersionRows() throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection connection = plainConnection();
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT version, description, applied_at FROM eventbus_schema_version"
                    + " ORDER BY version")) {
      while (result.next()) {
        assertThat(result.getLong(3)).as("applied_at").isPositive();
        rows.add(result.getInt(1) + " " + result.getString(2));
      }
    }
    return rows;
  }

  @Test
  void theSchemaVersionTableListsEachStepOnce() throws SQLException {
    JdbcDatabase first = openDatabase();
    first.close();
    JdbcDatabase second = openDatabase();

    assertThat(second.schemaVersion()).isEqualTo(latestVersion());
    assertThat(schemaVersionRows()).containsExactlyElementsOf(allSteps());
    assertThat(schemaVersionRows())
        .startsWith(
            "1 events table with type and partition-key indexes",
            "2 snapshots table",
            "3 deliveries table with pending and completed indexes",
            "4 processed event ids of idempotent handlers",
            "5 dead letters table");
  }

  @Test
  void databasesOpeningAtOnceOnOneStorageMigrateItOnce() throws Exception {
    int openers = 4;
    JdbcStoreConfig config = config();
    ExecutorService pool = Executors.newFixedThreadPool(openers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<JdbcDatabase>> opened = new ArrayList<>();
    try {
      for (int i = 0; i < openers; i++) {
        opened.add(
            pool.submit(
                () -> {
                  start.await();
                  return closeLater(JdbcDatabase.open(config));
                }));
      }
      start.countDown();
      for (Future<JdbcDatabase> each : opened) {
        assertThat(each.get(50, TimeUnit.SECONDS).schemaVersion()).isEqualTo(latestVersion());
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(schemaVersionRows()).hasSameSizeAs(allSteps());
    long position = 0;
    for (Future<JdbcDatabase> each : opened) {
      JdbcEventStore store = each.get().eventStore();
      assertThat(store.append(List.of(event("a", null, 0))).get(0).position())
          .isEqualTo(++position);
    }
  }

  @Test
  void aNewerSchemaThanTheLibraryKnowsIsRefused() throws SQLException {
    openDatabase().close();
    execute(
        "INSERT INTO eventbus_schema_version (version, description, applied_at)"
            + " VALUES (99, 'from the future', 1)");

    assertThatThrownBy(this::openDatabase)
        .isInstanceOf(EventStoreException.class)
        .hasMessageContaining("schema version 99")
        .hasMessageContaining("up to " + latestVersion());
  }

  @Test
  void aReopenedStoreKeepsItsPositionsAndMigratesNothingAgain() throws SQLException {
    JdbcEventStore first = closeLater(JdbcEventStore.open(config()));
    first.append(events("a", 3));
    first.quarantine(2, "set aside");
    first.close();

    JdbcEventStore reopened = closeLater(JdbcEventStore.open(config()));

    assertThat(reopened.lastPosition()).isEqualTo(3);
    assertThat(positions(reopened.readFrom(0))).containsExactly(1L, 3L);
    assertThat(reopened.append(List.of(event("b", null, 9))).get(0).position()).isEqualTo(4);
    assertThat(schemaVersionRows()).hasSameSizeAs(allSteps());
  }

  @Test
  void aRowWhoseDataDoesNotParseIsQuarantinedWhenReadAndSkipped() throws SQLException {
    JdbcEventStore store = openDatabase().eventStore();
    store.append(List.of(event("a", "k", 1), event("b", "k", 2), event("a", "k", 3)));
    execute("UPDATE eventbus_events SET data = '{\"total\": 12,' WHERE position = 2");

    assertThat(positions(store.readFrom(0))).containsExactly(1L, 3L);

    assertThat(store.quarantined())
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.position()).isEqualTo(2);
              assertThat(q.eventType()).isEqualTo("b");
              assertThat(q.version()).isEqualTo(1);
              assertThat(q.reason()).contains("position 2", "data", "JSON");
              assertThat(q.raw()).isEqualTo("{\"total\": 12,");
            });
    assertThat(store.read(2)).isEmpty();
    assertThat(positions(store.readByPartitionKey("k", 0))).containsExactly(1L, 3L);
    assertThat(store.lastPosition()).isEqualTo(3);
  }

  @Test
  void unreadableRowsAreFoundByEveryKindOfRead() throws SQLException {
    JdbcEventStore store = openDatabase().eventStore();
    store.append(List.of(event("a", "k", 1), event("b", "k", 2), event("c", "j", 3)));
    execute("UPDATE eventbus_events SET headers = 'not json' WHERE position = 1");
    execute("UPDATE eventbus_events SET data = '[1, 2]' WHERE position = 2");
    execute("UPDATE eventbus_events SET data = '{} {}' WHERE position = 3");

    assertThat(store.read(1)).isEmpty();
    assertThat(positions(store.readByType("b", 0))).isEmpty();
    assertThat(positions(store.readByPartitionKey("j", 0))).isEmpty();

    List<QuarantinedEvent> quarantined = store.quarantined();
    assertThat(quarantined).extracting(QuarantinedEvent::position).containsExactly(1L, 2L, 3L);
    assertThat(quarantined.get(0).reason()).contains("position 1", "headers");
    assertThat(quarantined.get(1).reason()).contains("position 2", "data");
    assertThat(quarantined.get(2).reason()).contains("position 3", "data");
  }

  @Test
  void streamsPageThroughTheLogAndSkipUnreadableRowsOnAnyPage() throws SQLException {
    JdbcDatabase database = closeLater(JdbcDatabase.open(rebuild(config()).pageSize(7).build()));
    JdbcEventStore store = database.eventStore();
    store.append(events("p", 50));
    execute("UPDATE eventbus_events SET data = '{' WHERE position IN (7, 8, 20)");

    List<Long> expected =
        LongStream.rangeClosed(1, 50).filter(p -> p != 7 && p != 8 && p != 20).boxed().toList();
    assertThat(positions(store.readFrom(0))).isEqualTo(expected);
    assertThat(positions(store.readFrom(9))).first().isEqualTo(9L);
    assertThat(store.quarantined())
        .extracting(QuarantinedEvent::position)
        .containsExactly(7L, 8L, 20L);
  }

  @Test
  void storesWithPoolsOfTheirOwnAppendingAtOnceGetGaplessPositions() throws Exception {
    List<JdbcEventStore> stores =
        List.of(
            closeLater(JdbcEventStore.open(config())), closeLater(JdbcEventStore.open(config())));
    int writersPerStore = 2;
    int appends = 40;
    ExecutorService pool = Executors.newFixedThreadPool(stores.size() * writersPerStore);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int s = 0; s < stores.size(); s++) {
        for (int w = 0; w < writersPerStore; w++) {
          JdbcEventStore store = stores.get(s);
          String writer = "s" + s + "w" + w;
          futures.add(
              pool.submit(
                  () -> {
                    start.await();
                    for (int i = 0; i < appends; i++) {
                      store.append(
                          List.of(event("x", writer, 2 * i), event("x", writer, 2 * i + 1)));
                    }
                    return null;
                  }));
        }
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(50, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    long total = (long) stores.size() * writersPerStore * appends * 2;
    assertThat(stores.get(0).lastPosition()).isEqualTo(total);
    assertThat(positions(stores.get(1).readFrom(0)))
        .isEqualTo(LongStream.rangeClosed(1, total).boxed().toList());
    for (int s = 0; s < stores.size(); s++) {
      for (int w = 0; w < writersPerStore; w++) {
        try (Stream<StoredEvent> stream = stores.get(0).readByPartitionKey("s" + s + "w" + w, 0)) {
          List<Integer> sequence = stream.map(e -> (Integer) e.data().get("n")).toList();
          assertThat(sequence).hasSize(appends * 2).isSorted();
        }
      }
    }
  }

  @Test
  void aFailedAppendStoresNoneOfItsEventsAndNamesThePositions() {
    JdbcEventStore store = openDatabase().eventStore();
    NewEvent first = event("a", null, 1);
    store.append(List.of(first));
    NewEvent sameId = new NewEvent(first.id(), "a", 1, T0, null, Map.of(), Map.of("again", true));

    assertThatThrownBy(() -> store.append(List.of(event("b", null, 2), sameId)))
        .isInstanceOf(EventStoreException.class)
        .hasMessageContaining("append of 2 events failed at positions 2..3")
        .hasCauseInstanceOf(SQLException.class);

    assertThat(store.lastPosition()).isEqualTo(1);
    assertThat(store.append(List.of(event("c", null, 3))).get(0).position()).isEqualTo(2);
  }

  @Test
  void aVersion2DatabaseIsMigratedToVersion3AndKeepsItsEvents() throws SQLException {
    JdbcDialect dialect = config().dialect();
    try (Connection connection = plainConnection()) {
      assertThat(Migrations.migrate(connection, dialect, Migrations.steps(dialect).subList(0, 2)))
          .isEqualTo(2);
    }
    execute(
        "INSERT INTO eventbus_events (position, id, event_type, version, ts, partition_key,"
            + " headers, data) VALUES (1, '"
            + UUID.randomUUID()
            + "', 'old', 1, 0, NULL, '{}', '{\"n\": 1}')");
    assertThat(schemaVersionRows()).hasSize(2);

    JdbcDatabase database = openDatabase();

    assertThat(database.schemaVersion()).isEqualTo(latestVersion());
    assertThat(schemaVersionRows()).containsExactlyElementsOf(allSteps());
    JdbcEventStore store = database.eventStore();
    assertThat(store.read(1).map(StoredEvent::eventType)).contains("old");
    assertThat(store.append(List.of(tracked(event("new", null, 2), "audit"))))
        .extracting(StoredEvent::position)
        .containsExactly(2L);
    assertThat(pending(store, "audit")).containsExactly(2L);
  }

  @Test
  void deliveriesAreStoredInTheTransactionOfTheirEvents() throws SQLException {
    JdbcEventStore store = openDatabase().eventStore();
    NewEvent first = tracked(event("a", null, 1), "audit");
    store.append(List.of(first));
    NewEvent sameId =
        new NewEvent(first.id(), "a", 1, T0, null, Map.of(), Map.of(), List.of("billing"));

    // The second event breaks the unique id: the first one's deliveries, inserted in the same
    // transaction, go with it.
    assertThatThrownBy(
            () -> store.append(List.of(tracked(event("b", null, 2), "audit", "billing"), sameId)))
        .isInstanceOf(EventStoreException.class)
        .hasMessageContaining("append of 2 events failed at positions 2..3");

    assertThat(store.lastPosition()).isEqualTo(1);
    assertThat(deliveryRows()).containsExactly("audit 1 null null");
    assertThat(pending(store, "billing")).isEmpty();

    store.append(List.of(tracked(event("c", null, 3), "billing", "audit", "billing")));

    assertThat(deliveryRows())
        .containsExactly("audit 1 null null", "audit 2 null null", "billing 2 null null");
    assertThat(pending(store, "audit")).containsExactly(1L, 2L);
    assertThat(pending(store, "billing")).containsExactly(2L);
  }

  @Test
  void aLargeAppendRecordsEveryDeliveryAndTheyCompleteAndPruneInBulk() throws SQLException {
    JdbcEventStore store = openDatabase().eventStore();
    int count = 10_000;
    List<NewEvent> batch = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      batch.add(tracked(event("bulk", "k" + (i % 7), i), "audit", "billing"));
    }

    assertThat(store.append(batch)).hasSize(count);

    List<Long> all = LongStream.rangeClosed(1, count).boxed().toList();
    assertThat(pending(store, "audit")).isEqualTo(all);
    assertThat(pending(store, "billing")).isEqualTo(all);
    try (Connection connection = plainConnection()) {
      assertThat(query(connection, "SELECT COUNT(*) FROM eventbus_deliveries"))
          .containsExactly("20000");
    }

    List<DeliveryCompletion> completions = new ArrayList<>(count);
    for (long position = count; position >= 1; position--) {
      completions.add(new DeliveryCompletion(position, "audit", Outcome.DELIVERED, T0));
    }
    store.completeDeliveries(completions);

    assertThat(pending(store, "audit")).isEmpty();
    assertThat(pending(store, "billing")).isEqualTo(all);
    assertThat(store.pruneCompletedDeliveries(T0)).isZero();
    assertThat(store.pruneCompletedDeliveries(T0.plusNanos(1_000))).isEqualTo(count);
    assertThat(pending(store, "billing")).isEqualTo(all);
  }

  @Test
  void ofSeveralCompletionsOfOneDeliveryTheFirstStaysAndUnknownOnesAreIgnored()
      throws SQLException {
    JdbcEventStore store = openDatabase().eventStore();
    store.append(
        List.of(
            tracked(event("c", null, 1), "audit", "billing"),
            tracked(event("c", null, 2), "audit")));

    store.completeDeliveries(
        List.of(
            new DeliveryCompletion(2, "audit", Outcome.FAILED, T0),
            new DeliveryCompletion(1, "billing", Outcome.FILTERED, T0),
            new DeliveryCompletion(2, "audit", Outcome.DELIVERED, T0.plusSeconds(1)),
            new DeliveryCompletion(9, "audit", Outcome.DELIVERED, T0),
            new DeliveryCompletion(1, "nobody", Outcome.DELIVERED, T0)));
    store.completeDeliveries(
        List.of(
            new DeliveryCompletion(1, "billing", Outcome.DELIVERED, T0.plusSeconds(2)),
            new DeliveryCompletion(1, "audit", Outcome.QUARANTINED, T0)));

    long t0 = T0.toEpochMilli() * 1_000;
    assertThat(deliveryRows())
        .containsExactly(
            "audit 1 QUARANTINED " + t0, "audit 2 FAILED " + t0, "billing 1 FILTERED " + t0);
  }

  @Test
  void pendingDeliveriesPageAcrossPageBoundaries() {
    JdbcDatabase database = closeLater(JdbcDatabase.open(rebuild(config()).pageSize(7).build()));
    JdbcEventStore store = database.eventStore();
    List<NewEvent> batch = new ArrayList<>();
    for (int i = 1; i <= 50; i++) {
      NewEvent event = event("p", null, i);
      batch.add(i % 5 == 0 ? tracked(event, "other") : tracked(event, "s"));
    }
    store.append(batch);
    // Completed and quarantined ones on page boundaries (7, 8, 14) and within pages.
    store.completeDeliveries(
        List.of(
            new DeliveryCompletion(7, "s", Outcome.DELIVERED, T0),
            new DeliveryCompletion(8, "s", Outcome.FILTERED, T0),
            new DeliveryCompletion(14, "s", Outcome.FAILED, T0),
            new DeliveryCompletion(31, "s", Outcome.QUARANTINED, T0),
            new DeliveryCompletion(33, "other", Outcome.DELIVERED, T0)));
    store.quarantine(21, "set aside");
    store.quarantine(22, "set aside");

    List<Long> expected =
        LongStream.rangeClosed(1, 50)
            .filter(p -> p % 5 != 0)
            .filter(p -> p != 7 && p != 8 && p != 14 && p != 21 && p != 22 && p != 31)
            .boxed()
            .toList();
    assertThat(pending(store, "s")).isEqualTo(expected);
    assertThat(pending(store, "other"))
        .containsExactly(5L, 10L, 15L, 20L, 25L, 30L, 35L, 40L, 45L, 50L);
  }

  @Test
  void aPendingDeliveriesStreamHoldsNoConnectionBetweenPages() throws SQLException {
    JdbcDatabase database =
        closeLater(
            JdbcDatabase.open(
                rebuild(config())
                    .pageSize(3)
                    .maximumPoolSize(2)
                    .connectionTimeout(Duration.ofSeconds(5))
                    .build()));
    JdbcEventStore store = database.eventStore();
    // Of the pool's two connections, the test holds one: the store has one left.
    closeLater(database.connection());
    List<NewEvent> batch = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      batch.add(tracked(event("p", null, i), "s"));
    }
    store.append(batch);

    try (Stream<PendingDelivery> stream = store.pendingDeliveries("s")) {
      Iterator<PendingDelivery> iterator = stream.iterator();
      List<Long> seen = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        seen.add(iterator.next().position());
      }
      // Pages 1..3 and 4..6 were read. The one connection left is free between pages:
      // these calls get it, and the next pages see what they did.
      store.completeDeliveries(List.of(new DeliveryCompletion(8, "s", Outcome.DELIVERED, T0)));
      store.append(List.of(tracked(event("p", null, 11), "s")));
      iterator.forEachRemaining(delivery -> seen.add(delivery.position()));

      assertThat(seen).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 9L, 10L, 11L);
    }
  }

  @Test
  void timestampsKeepMicroseconds() {
    JdbcEventStore store = openDatabase().eventStore();
    Instant precise = Instant.parse("1969-12-31T23:59:59.987654321Z");
    store.append(
        List.of(new NewEvent(UUID.randomUUID(), "t", 1, precise, null, Map.of(), Map.of())));

    assertThat(store.read(1).orElseThrow().timestamp())
        .isEqualTo(Instant.parse("1969-12-31T23:59:59.987654Z"));
  }

  @Test
  void storesOnASharedDatabaseLeaveItOpenAndCloseWithIt() {
    JdbcDatabase database = openDatabase();
    JdbcEventStore events = database.eventStore();
    JdbcSnapshotStore snapshots = database.snapshotStore();
    events.append(List.of(event("a", null, 1)));
    events.close();

    assertThat(snapshots.save(new Snapshot("k", "State", 1, 1, Map.of("n", 1)))).isTrue();
    assertThat(database.eventStore().lastPosition()).isEqualTo(1);

    database.close();

    assertThatThrownBy(() -> snapshots.load("k")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(database::eventStore).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aDataSourceOfTheCallerIsUsedButNotClosed() {
    JdbcStoreConfig config = config();
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(config.jdbcUrl());
    hikari.setUsername(config.user());
    hikari.setPassword(config.password());
    hikari.setMaximumPoolSize(2);
    HikariDataSource dataSource = closeLater(new HikariDataSource(hikari));

    JdbcDatabase database = JdbcDatabase.of(dataSource, config.dialect());
    database.eventStore().append(List.of(event("a", null, 1)));
    database.close();

    assertThat(dataSource.isClosed()).isFalse();
    assertThat(closeLater(JdbcEventStore.open(config)).lastPosition()).isEqualTo(1);
  }

  private static JdbcStoreConfig.Builder rebuild(JdbcStoreConfig config) {
    return JdbcStoreConfig.builder(config.dialect(), config.jdbcUrl())
        .user(config.user())
        .password(config.password());
  }

  /** Rows of a query on a plain connection, one string per row, columns joined by spaces. */
  protected final List<String> query(Connection connection, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet result = statement.executeQuery()) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        StringBuilder row = new StringBuilder();
        for (int c = 1; c <= columns; c++) {
          row.append(c > 1 ? " " : "").append(result.getString(c));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  @Test
  void theProcessedEventLogRemembersAcrossReopeningAndPerScope() {
    JdbcDatabase database = openDatabase();
    JdbcProcessedEventLog log = database.processedEventLog();

    assertThat(log.isProcessed("payments", "p-1")).isFalse();
    assertThat(log.markProcessed("payments", "p-1")).isTrue();
    assertThat(log.markProcessed("payments", "p-1")).isFalse();
    assertThat(log.isProcessed("refunds", "p-1")).isFalse();
    database.close();

    JdbcProcessedEventLog reopened = openDatabase().processedEventLog();
    assertThat(reopened.isProcessed("payments", "p-1")).isTrue();
    assertThat(reopened.markProcessed("refunds", "p-1")).isTrue();
    reopened.close();
    assertThatThrownBy(() -> reopened.isProcessed("payments", "p-1"))
        .isInstanceOf(IllegalStateException.class);
  }
}
