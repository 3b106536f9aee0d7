package dev.eventbus.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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
 * rows, several pools writing to one database, ownership of the pool.
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

  private void execute(String sql) throws SQLException {
    try (Connection connection = plainConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
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

    assertThat(second.schemaVersion()).isEqualTo(2);
    assertThat(schemaVersionRows())
        .containsExactly("1 events table with type and partition-key indexes", "2 snapshots table");
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
        assertThat(each.get(50, TimeUnit.SECONDS).schemaVersion()).isEqualTo(2);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(schemaVersionRows()).hasSize(2);
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
        .hasMessageContaining("up to 2");
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
    assertThat(schemaVersionRows()).hasSize(2);
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
  void eventsNamingDeliveriesAreRefusedAsThisStoreDoesNotTrackThem() {
    JdbcEventStore store = openDatabase().eventStore();
    NewEvent tracked =
        new NewEvent(UUID.randomUUID(), "a", 1, T0, null, Map.of(), Map.of(), List.of("billing"));

    assertThatThrownBy(() -> store.append(List.of(event("a", null, 1), tracked)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(tracked.id().toString())
        .hasMessageContaining("billing");
    assertThat(store.lastPosition()).isZero();
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
}
