package dev.eventbus.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC store tests on a SQLite file of their own per test, and SQLite's settings. */
class SqliteStoreTest extends JdbcStoreTests {

  @TempDir Path directory;

  private Path file() {
    return directory.resolve("store.db");
  }

  @Override
  protected JdbcStoreConfig config() {
    return JdbcStoreConfig.sqlite(file());
  }

  @Override
  protected Connection plainConnection() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + file());
  }

  @Test
  void everyPooledConnectionRunsWithWalFullSyncBusyTimeoutAndForeignKeys() throws SQLException {
    JdbcDatabase database =
        closeLater(
            JdbcDatabase.open(
                JdbcStoreConfig.sqliteBuilder(file())
                    .busyTimeout(Duration.ofMillis(7_500))
                    .maximumPoolSize(3)
                    .build()));

    List<Connection> held = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        Connection connection = database.connection();
        held.add(connection);
        assertThat(query(connection, "PRAGMA journal_mode")).containsExactly("wal");
        assertThat(query(connection, "PRAGMA synchronous")).as("2 = FULL").containsExactly("2");
        assertThat(query(connection, "PRAGMA busy_timeout")).containsExactly("7500");
        assertThat(query(connection, "PRAGMA foreign_keys")).containsExactly("1");
      }
    } finally {
      for (Connection connection : held) {
        connection.close();
      }
    }
    try (Connection plain = plainConnection()) {
      assertThat(query(plain, "PRAGMA journal_mode"))
          .as("WAL is kept in the file")
          .containsExactly("wal");
    }
  }

  @Test
  void missingParentDirectoriesAreCreated() {
    Path nested = directory.resolve("a/b/events.db");

    closeLater(JdbcEventStore.open(JdbcStoreConfig.sqlite(nested)))
        .append(List.of(event("a", null, 1)));

    assertThat(Files.isRegularFile(nested)).isTrue();
  }

  @Test
  void pendingDeliveriesAndPruningUseThePartialIndexes() throws SQLException {
    openDatabase();

    try (Connection plain = plainConnection()) {
      assertThat(
              query(
                  plain, "EXPLAIN QUERY PLAN " + DeliveryLedger.selectPending(JdbcDialect.SQLITE)))
          .anySatisfy(row -> assertThat(row).contains("eventbus_deliveries_pending_idx"));
      assertThat(query(plain, "EXPLAIN QUERY PLAN " + DeliveryLedger.prune(JdbcDialect.SQLITE)))
          .anySatisfy(row -> assertThat(row).contains("eventbus_deliveries_completed_idx"));
    }
  }
}
