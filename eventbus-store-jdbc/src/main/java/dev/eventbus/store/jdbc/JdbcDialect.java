package dev.eventbus.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The databases the JDBC stores run on. The dialect decides the column types of the schema, how a
 * write transaction starts and how writers in other processes are kept out.
 *
 * @since 0.1
 */
public enum JdbcDialect {

  /**
   * SQLite 3 through {@code org.xerial:sqlite-jdbc}: one database file, WAL journal, {@code
   * synchronous=FULL}. Write transactions start with {@code BEGIN IMMEDIATE}, which takes the
   * file's write lock up front, so writers in other processes wait (up to the busy timeout) instead
   * of interleaving.
   */
  SQLITE,

  /**
   * PostgreSQL 9.5 or newer (tested with 15 and 17) through {@code org.postgresql:postgresql}.
   * Writers serialise on a transaction-scoped advisory lock ({@code pg_advisory_xact_lock}) keyed
   * by the schema, so processes sharing the schema cannot interleave their appends.
   */
  POSTGRESQL;

  /** The advisory-lock class of schema migrations (first key of {@code pg_advisory_xact_lock}). */
  static final int MIGRATION_LOCK = 0x45424d31;

  /** The advisory-lock class of appends. */
  static final int APPEND_LOCK = 0x45424131;

  /** The column type of event ids. */
  String uuidType() {
    return this == POSTGRESQL ? "UUID" : "TEXT";
  }

  /**
   * The column definition of the events' primary key. On SQLite an {@code INTEGER PRIMARY KEY} is
   * the table's 64-bit rowid, which spares a second index.
   */
  String positionColumn() {
    return this == POSTGRESQL ? "position BIGINT PRIMARY KEY" : "position INTEGER PRIMARY KEY";
  }

  /**
   * The clause after a table name in a query that makes SQLite use {@code index} (and fail if it
   * cannot); nothing on PostgreSQL, whose planner goes by statistics.
   */
  String indexedBy(String index) {
    return this == SQLITE ? " INDEXED BY " + index : "";
  }

  /** Starts a write transaction on a connection in auto-commit mode. */
  void begin(Connection connection) throws SQLException {
    if (this == POSTGRESQL) {
      connection.setAutoCommit(false);
    } else {
      try (Statement statement = connection.createStatement()) {
        statement.execute("BEGIN IMMEDIATE");
      }
    }
  }

  /** Commits the transaction {@link #begin} started and returns to auto-commit mode. */
  void commit(Connection connection) throws SQLException {
    if (this == POSTGRESQL) {
      connection.commit();
      connection.setAutoCommit(true);
    } else {
      try (Statement statement = connection.createStatement()) {
        statement.execute("COMMIT");
      }
    }
  }

  /** Rolls the transaction {@link #begin} started back and returns to auto-commit mode. */
  void rollback(Connection connection) throws SQLException {
    if (this == POSTGRESQL) {
      try {
        connection.rollback();
      } finally {
        connection.setAutoCommit(true);
      }
    } else {
      // Fails harmlessly ("no transaction is active") when SQLite already rolled back by itself.
      try (Statement statement = connection.createStatement()) {
        statement.execute("ROLLBACK");
      }
    }
  }

  /**
   * Inside a transaction, waits for the lock of {@code lockClass} in this schema until the
   * transaction ends. SQLite needs nothing here: {@code BEGIN IMMEDIATE} holds the write lock.
   */
  void lock(Connection connection, int lockClass) throws SQLException {
    if (this == POSTGRESQL) {
      try (PreparedStatement statement =
          connection.prepareStatement(
              "SELECT pg_advisory_xact_lock(?, hashtext(coalesce(current_schema(), '')))")) {
        statement.setInt(1, lockClass);
        statement.execute();
      }
    }
  }

  /**
   * In a transaction someone else began (auto-commit off), waits for the lock of {@code lockClass}
   * until that transaction ends: on PostgreSQL as {@link #lock}; on SQLite by a write that changes
   * nothing, which takes the file's write lock now, before the transaction reads what it will write
   * after (a deferred SQLite transaction that reads first and writes later fails when another
   * connection wrote in between).
   */
  void lockInTransaction(Connection connection, int lockClass) throws SQLException {
    if (this == POSTGRESQL) {
      lock(connection, lockClass);
    } else {
      try (Statement statement = connection.createStatement()) {
        statement.executeUpdate("UPDATE eventbus_events SET position = position WHERE 0 = 1");
      }
    }
  }

  /** Binds an event id. */
  void setUuid(PreparedStatement statement, int index, UUID id) throws SQLException {
    if (this == POSTGRESQL) {
      statement.setObject(index, id);
    } else {
      statement.setString(index, id.toString());
    }
  }
}
