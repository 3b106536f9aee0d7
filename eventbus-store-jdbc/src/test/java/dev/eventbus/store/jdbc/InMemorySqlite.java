package dev.eventbus.store.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An in-memory SQLite database of one connection, for tests of the store's parts that need JDBC but
 * no schema (register an instance with {@code @RegisterExtension}). Each test gets a database of
 * its own, opened on first use and closed after the test.
 */
final class InMemorySqlite implements AfterEachCallback {

  private @Nullable Connection connection;

  /** This test's connection, in auto-commit mode. */
  Connection connection() throws SQLException {
    Connection current = connection;
    if (current == null) {
      current = DriverManager.getConnection("jdbc:sqlite::memory:");
      connection = current;
    }
    return current;
  }

  /** Runs one statement. */
  void execute(String sql) throws SQLException {
    try (Statement statement = connection().createStatement()) {
      statement.execute(sql);
    }
  }

  /** The number of rows in {@code table}. */
  long count(String table) throws SQLException {
    try (Statement statement = connection().createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws SQLException {
    Connection current = connection;
    connection = null;
    if (current != null) {
      current.close();
    }
  }
}
