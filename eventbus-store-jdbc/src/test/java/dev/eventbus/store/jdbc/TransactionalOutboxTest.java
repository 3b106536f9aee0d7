package dev.eventbus.store.jdbc;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.DomainEvent;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.codec.jackson.JacksonEventCodec;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.durable.InMemoryEventStore;
import dev.eventbus.durable.JdbcTransaction;
import dev.eventbus.processors.EventBusFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing in the caller's transaction (the outbox): the event commits or rolls back with the
 * caller's own row, asynchronous deliveries and after-commit SYNC ones are made only after the
 * commit, and never after a rollback; plain SYNC ones run inside the transaction. On SQLite and on
 * PostgreSQL.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TransactionalOutboxTest {

  /** An order, keyed by its id. */
  public record OrderPlaced(String orderId) implements DomainEvent {
    @Override
    public String eventType() {
      return "order.placed";
    }

    @Override
    public String partitionKey() {
      return orderId;
    }
  }

  /** The same tests on one database. */
  abstract static class OnDatabase {

    private final List<AutoCloseable> toClose = new ArrayList<>();
    final List<String> async = new CopyOnWriteArrayList<>();
    final List<String> syncInside = new CopyOnWriteArrayList<>();
    final List<String> syncAfterCommit = new CopyOnWriteArrayList<>();
    @Nullable JdbcDatabase database;

    /** Opens the store's database. */
    abstract JdbcDatabase open();

    /** A connection of the caller's own to the same database, in auto-commit mode. */
    abstract Connection connect() throws SQLException;

    UnifiedEventBus bus() throws SQLException {
      JdbcDatabase opened = open();
      database = opened;
      toClose.add(opened);
      try (Connection connection = connect();
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE IF NOT EXISTS orders (id TEXT PRIMARY KEY)");
      }
      UnifiedEventBus bus =
          EventBusFactory.builder()
              .storage(
                  DurableStorage.builder(
                          opened.eventStore(),
                          JacksonEventCodec.builder()
                              .register(OrderPlaced.class, "order.placed", 1)
                              .build())
                      .build())
              .build();
      toClose.add(() -> bus.stop(Duration.ofSeconds(10)));
      bus.subscribe(
          OrderPlaced.class,
          e -> async.add(e.orderId()),
          SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).name("async").build());
      bus.subscribe(
          OrderPlaced.class,
          e -> syncInside.add(e.orderId()),
          SubscriptionOptions.builder().mode(ProcessingMode.SYNC).name("inside").build());
      bus.subscribe(
          OrderPlaced.class,
          e -> syncAfterCommit.add(e.orderId()),
          SubscriptionOptions.builder()
              .mode(ProcessingMode.SYNC)
              .name("after")
              .afterCommit(true)
              .build());
      return bus;
    }

    @AfterEach
    void closeAll() throws Exception {
      for (int i = toClose.size() - 1; i >= 0; i--) {
        toClose.get(i).close();
      }
    }

    private static void insertOrder(Connection connection, String id) throws SQLException {
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO orders (id) VALUES (?)")) {
        insert.setString(1, id);
        insert.executeUpdate();
      }
    }

    private long count(String sql) throws SQLException {
      try (Connection connection = connect();
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery(sql)) {
        rows.next();
        return rows.getLong(1);
      }
    }

    /** Publishes a marker outside any transaction and waits until the async subscriber has it. */
    private void awaitAsyncMarker(UnifiedEventBus bus, String id) throws InterruptedException {
      bus.publish(new OrderPlaced(id));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!async.contains(id)) {
        assertThat(System.nanoTime()).as("marker %s delivered", id).isLessThan(deadline);
        Thread.sleep(5);
      }
    }

    @Test
    void aCommittedEventIsStoredWithTheRowAndDeliveredAfterTheCommit() throws Exception {
      UnifiedEventBus bus = bus();
      try (Connection connection = connect();
          JdbcTransaction tx = JdbcTransaction.on(connection)) {
        insertOrder(connection, "o-1");
        bus.publish(new OrderPlaced("o-1"), tx);

        assertThat(syncInside).containsExactly("o-1");
        assertThat(syncAfterCommit).isEmpty();
        assertThat(async).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM eventbus_events")).isZero();

        tx.commit();
        assertThat(syncAfterCommit).containsExactly("o-1");
      }
      awaitAsyncMarker(bus, "marker");
      assertThat(async).containsExactly("o-1", "marker");
      assertThat(count("SELECT COUNT(*) FROM orders")).isEqualTo(1);
      assertThat(count("SELECT COUNT(*) FROM eventbus_events")).isEqualTo(2);
    }

    @Test
    void aRolledBackEventIsNeitherStoredNorDeliveredAfterwards() throws Exception {
      UnifiedEventBus bus = bus();
      try (Connection connection = connect();
          JdbcTransaction tx = JdbcTransaction.on(connection)) {
        insertOrder(connection, "o-2");
        bus.publish(new OrderPlaced("o-2"), tx);
        tx.rollback();
      }
      try (Connection connection = connect();
          JdbcTransaction tx = JdbcTransaction.on(connection)) {
        insertOrder(connection, "o-3");
        bus.publish(new OrderPlaced("o-3"), tx);
        // closed without a commit: rolled back
      }
      awaitAsyncMarker(bus, "o-2"); // the same partition key: delivered after anything before
      assertThat(async).containsExactly("o-2");
      assertThat(syncAfterCommit).containsExactly("o-2"); // only the marker, published outside
      assertThat(syncInside).containsExactly("o-2", "o-3", "o-2");
      assertThat(count("SELECT COUNT(*) FROM orders")).isZero();
      assertThat(count("SELECT COUNT(*) FROM eventbus_events")).isEqualTo(1);
      assertThat(count("SELECT COUNT(*) FROM eventbus_deliveries")).isEqualTo(1);
    }

    @Test
    void aConnectionInAutoCommitModeIsRefusedByName() throws Exception {
      UnifiedEventBus bus = bus();
      try (Connection connection = connect()) {
        JdbcTransaction tx = JdbcTransaction.on(connection);
        connection.setAutoCommit(true); // the caller broke the transaction
        assertThatThrownBy(() -> bus.publish(new OrderPlaced("o-4"), tx))
            .hasMessageContaining("auto-commit mode")
            .hasMessageContaining("setAutoCommit(false)");
      }
      assertThat(async).isEmpty();
      assertThat(syncInside).isEmpty();
    }

    @Test
    void aCommittedTransactionRefusesMoreWork() throws Exception {
      UnifiedEventBus bus = bus();
      try (Connection connection = connect();
          JdbcTransaction tx = JdbcTransaction.on(connection)) {
        bus.publish(new OrderPlaced("o-5"), tx);
        tx.commit();
        assertThatThrownBy(() -> bus.publish(new OrderPlaced("o-6"), tx))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("connection of a transaction that has committed");
        assertThatThrownBy(tx::commit).hasMessage("commit on a transaction that has committed");
      }
    }

    @Test
    void deliveriesLeftPendingByAStopBeforeTheCommitAreMadeAfterTheNextStart() throws Exception {
      UnifiedEventBus bus = bus();
      try (Connection connection = connect();
          JdbcTransaction tx = JdbcTransaction.on(connection)) {
        bus.publish(new OrderPlaced("o-7"), tx);
        bus.stop(Duration.ofSeconds(5));
        tx.commit(); // the bus is stopped: nothing is dispatched now
      }
      assertThat(async).isEmpty();
      assertThat(syncAfterCommit).isEmpty();
      // As a new process would: the first one's store is closed (on PostgreSQL that gives up its
      // lease), and a bus on a store of the same database redelivers the pending delivery.
      requireNonNull(database).close();
      UnifiedEventBus next = bus();
      awaitAsyncMarker(next, "marker");
      assertThat(async).containsExactlyInAnyOrder("o-7", "marker");
    }

    @Test
    void anAppendInATransactionHoldsOtherAppendsUntilItsCommitSoPositionsCommitInOrder()
        throws Exception {
      UnifiedEventBus bus = bus();
      CountDownLatch published = new CountDownLatch(1);
      Thread other;
      try (Connection connection = connect();
          JdbcTransaction tx = JdbcTransaction.on(connection)) {
        bus.publish(new OrderPlaced("first"), tx);
        other =
            new Thread(
                () -> {
                  bus.publish(new OrderPlaced("second"));
                  published.countDown();
                });
        other.start();
        assertThat(published.await(300, TimeUnit.MILLISECONDS))
            .as("an append outside waits for the transaction holding the writer lock")
            .isFalse();
        tx.commit();
      }
      assertThat(published.await(30, TimeUnit.SECONDS)).isTrue();
      other.join();
      try (Connection connection = connect();
          Statement statement = connection.createStatement();
          ResultSet rows =
              statement.executeQuery("SELECT data FROM eventbus_events ORDER BY position")) {
        List<String> data = new ArrayList<>();
        while (rows.next()) {
          data.add(rows.getString(1));
        }
        assertThat(data).hasSize(2);
        assertThat(data.get(0)).contains("first");
        assertThat(data.get(1)).contains("second");
      }
    }
  }

  @Nested
  class OnSqlite extends OnDatabase {
    @TempDir Path directory;

    @Override
    JdbcDatabase open() {
      return JdbcDatabase.sqlite(directory.resolve("events.db"));
    }

    @Override
    Connection connect() throws SQLException {
      return DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("events.db"));
    }
  }

  @Nested
  class OnPostgres extends OnDatabase {
    @RegisterExtension final PostgresTestDatabase postgres = new PostgresTestDatabase();

    @Override
    JdbcDatabase open() {
      return JdbcDatabase.open(postgres.config());
    }

    @Override
    Connection connect() throws SQLException {
      return postgres.connect();
    }
  }

  @Test
  void aBusWithoutAJdbcStoreSaysWhyItCannotPublishInATransaction() throws Exception {
    UnifiedEventBus plain = EventBusFactory.builder().build();
    UnifiedEventBus inMemory =
        EventBusFactory.builder()
            .storage(
                DurableStorage.builder(
                        InMemoryEventStore.create(),
                        JacksonEventCodec.builder()
                            .register(OrderPlaced.class, "order.placed", 1)
                            .build())
                    .build())
            .build();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:");
        JdbcTransaction tx = JdbcTransaction.on(connection)) {
      assertThatThrownBy(() -> plain.publish(new OrderPlaced("x"), tx))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("needs a bus with storage");
      assertThatThrownBy(() -> inMemory.publish(new OrderPlaced("x"), tx))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(InMemoryEventStore.class.getName() + " cannot");
    } finally {
      plain.stop(Duration.ofSeconds(5));
      inMemory.stop(Duration.ofSeconds(5));
    }
  }
}
