package dev.eventbus.store.jdbc;

import dev.eventbus.api.spi.EventStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema and its ordered migration steps. {@code eventbus_schema_version} has one row per
 * applied step. Every step is idempotent ({@code IF NOT EXISTS}), and all pending steps run in one
 * transaction that holds the database's write lock (SQLite {@code BEGIN IMMEDIATE}) or a
 * transaction-scoped advisory lock (PostgreSQL), so stores starting at the same time on one
 * database apply each step exactly once.
 */
final class Migrations {

  /** One migration step. */
  record Step(int version, String description, List<String> statements) {}

  private Migrations() {}

  /** The steps for {@code dialect}, in version order from 1. */
  static List<Step> steps(JdbcDialect dialect) {
    return List.of(
        new Step(
            1,
            "events table with type and partition-key indexes",
            List.of(
                "CREATE TABLE IF NOT EXISTS eventbus_events ("
                    + dialect.positionColumn()
                    + ", id "
                    + dialect.uuidType()
                    + " NOT NULL UNIQUE"
                    + ", event_type TEXT NOT NULL"
                    + ", version INTEGER NOT NULL"
                    + ", ts BIGINT NOT NULL" // epoch microseconds, UTC
                    + ", partition_key TEXT"
                    + ", headers TEXT NOT NULL" // JSON object of strings
                    + ", data TEXT NOT NULL" // JSON object
                    + ", quarantined_reason TEXT"
                    + ", quarantined_at BIGINT" // epoch microseconds, UTC
                    + ")",
                "CREATE INDEX IF NOT EXISTS eventbus_events_type_idx"
                    + " ON eventbus_events (event_type, position)",
                "CREATE INDEX IF NOT EXISTS eventbus_events_partition_idx"
                    + " ON eventbus_events (partition_key, position)")),
        new Step(
            2,
            "snapshots table",
            List.of(
                "CREATE TABLE IF NOT EXISTS eventbus_snapshots ("
                    + "snapshot_key TEXT NOT NULL PRIMARY KEY"
                    + ", state_type TEXT NOT NULL"
                    + ", version INTEGER NOT NULL"
                    + ", position BIGINT NOT NULL"
                    + ", state TEXT NOT NULL" // JSON object
                    + ", saved_at BIGINT NOT NULL" // epoch microseconds, UTC
                    + ")")),
        new Step(
            3,
            "deliveries table with pending and completed indexes",
            List.of(
                "CREATE TABLE IF NOT EXISTS eventbus_deliveries ("
                    + "subscription TEXT NOT NULL"
                    + ", position BIGINT NOT NULL REFERENCES eventbus_events (position)"
                    + ", outcome TEXT" // null while pending
                    + ", completed_at BIGINT" // epoch microseconds, UTC; null while pending
                    + ", PRIMARY KEY (subscription, position)"
                    + ")"
                    // On SQLite the table is then its primary-key b-tree, with no rowid besides.
                    + (dialect == JdbcDialect.SQLITE ? " WITHOUT ROWID" : ""),
                // Pending deliveries of one subscription in position order; completed rows,
                // however many, are not in it.
                "CREATE INDEX IF NOT EXISTS eventbus_deliveries_pending_idx"
                    + " ON eventbus_deliveries (subscription, position)"
                    + " WHERE completed_at IS NULL",
                // Completed deliveries by completion time, for pruning.
                "CREATE INDEX IF NOT EXISTS eventbus_deliveries_completed_idx"
                    + " ON eventbus_deliveries (completed_at)"
                    + " WHERE completed_at IS NOT NULL")),
        new Step(
            4,
            "processed event ids of idempotent handlers",
            List.of(
                "CREATE TABLE IF NOT EXISTS eventbus_processed ("
                    + "scope TEXT NOT NULL"
                    + ", event_id TEXT NOT NULL"
                    + ", processed_at BIGINT NOT NULL" // epoch microseconds, UTC
                    + ", PRIMARY KEY (scope, event_id)"
                    + ")"
                    + (dialect == JdbcDialect.SQLITE ? " WITHOUT ROWID" : ""))),
        new Step(
            5,
            "dead letters table",
            List.of(
                "CREATE TABLE IF NOT EXISTS eventbus_dead_letters ("
                    + "subscription TEXT NOT NULL"
                    + ", position BIGINT NOT NULL REFERENCES eventbus_events (position)"
                    + ", event_type TEXT NOT NULL"
                    + ", attempts INTEGER NOT NULL"
                    + ", first_failed_at BIGINT NOT NULL" // epoch microseconds, UTC
                    + ", last_failed_at BIGINT NOT NULL" // epoch microseconds, UTC
                    + ", error_type TEXT NOT NULL"
                    + ", error_message TEXT NOT NULL"
                    + ", stack_trace TEXT NOT NULL" // at most DeadLetter.MAX_STACK_TRACE_CHARS
                    + ", PRIMARY KEY (subscription, position)"
                    + ")"
                    + (dialect == JdbcDialect.SQLITE ? " WITHOUT ROWID" : ""),
                // Listing all letters is by position.
                "CREATE INDEX IF NOT EXISTS eventbus_dead_letters_position_idx"
                    + " ON eventbus_dead_letters (position, subscription)")),
        new Step(
            6,
            "instance leases and the owner of each delivery",
            List.of(
                "CREATE TABLE IF NOT EXISTS eventbus_instances ("
                    + "instance_id TEXT NOT NULL PRIMARY KEY"
                    + ", lease_until BIGINT NOT NULL" // epoch microseconds, database clock
                    + ", started_at BIGINT NOT NULL" // epoch microseconds, database clock
                    + ")",
                // The instance that appended or claimed the delivery; null for rows from before.
                // Runs once: the step is recorded in the same transaction.
                "ALTER TABLE eventbus_deliveries ADD COLUMN owner TEXT")));
  }

  /**
   * Brings the schema up to the last of {@link #steps}, applying each missing step once.
   *
   * @return the schema version now in force
   * @throws EventStoreException if the database has a newer schema than this library knows
   */
  static int migrate(Connection connection, JdbcDialect dialect) throws SQLException {
    return migrate(connection, dialect, steps(dialect));
  }

  /**
   * Brings the schema up to the last of {@code steps}, a prefix of {@link #steps}: tests build a
   * database of an older version with it.
   */
  static int migrate(Connection connection, JdbcDialect dialect, List<Step> steps)
      throws SQLException {
    return Transactions.inTransaction(
        connection,
        dialect,
        () -> {
          dialect.lock(connection, JdbcDialect.MIGRATION_LOCK);
          try (Statement statement = connection.createStatement()) {
            statement.execute(
                "CREATE TABLE IF NOT EXISTS eventbus_schema_version ("
                    + "version INTEGER NOT NULL PRIMARY KEY"
                    + ", description TEXT NOT NULL"
                    + ", applied_at BIGINT NOT NULL" // epoch microseconds, UTC
                    + ")");
          }
          int current = currentVersion(connection);
          int latest = steps.get(steps.size() - 1).version();
          if (current > latest) {
            throw new EventStoreException(
                "schema migration refused: the database has schema version "
                    + current
                    + " but this library knows versions up to "
                    + latest,
                null);
          }
          for (Step step : steps) {
            if (step.version() <= current) {
              continue;
            }
            try (Statement statement = connection.createStatement()) {
              for (String sql : step.statements()) {
                statement.execute(sql);
              }
            }
            try (PreparedStatement insert =
                connection.prepareStatement(
                    "INSERT INTO eventbus_schema_version (version, description, applied_at)"
                        + " VALUES (?, ?, ?)")) {
              insert.setInt(1, step.version());
              insert.setString(2, step.description());
              insert.setLong(3, Times.nowMicros());
              insert.executeUpdate();
            }
          }
          return Math.max(current, latest);
        });
  }

  private static int currentVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT COALESCE(MAX(version), 0) FROM eventbus_schema_version")) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
