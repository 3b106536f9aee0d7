package dev.eventbus.store.jdbc;

import dev.eventbus.api.spi.ProcessedEventLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

/**
 * A {@link ProcessedEventLog} in the database ({@code eventbus_processed}), so that an idempotent
 * handler recognises events it processed before a restart. Each mark is one committed insert that
 * does nothing when the row exists. Thread-safe.
 *
 * @since 0.1
 */
public final class JdbcProcessedEventLog implements ProcessedEventLog, AutoCloseable {

  private static final String INSERT =
      "INSERT INTO eventbus_processed (scope, event_id, processed_at) VALUES (?, ?, ?)"
          + " ON CONFLICT (scope, event_id) DO NOTHING";
  private static final String SELECT =
      "SELECT 1 FROM eventbus_processed WHERE scope = ? AND event_id = ?";

  private final JdbcDatabase database;
  private final StoreLifecycle lifecycle;

  JdbcProcessedEventLog(JdbcDatabase database) {
    this.database = database;
    this.lifecycle = new StoreLifecycle(database, false, "the processed-event log");
  }

  @Override
  public boolean markProcessed(String scope, String eventId) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(eventId, "eventId");
    lifecycle.ensureOpen();
    try (Connection connection = database.connection();
        PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setString(1, scope);
      insert.setString(2, eventId);
      insert.setLong(3, Times.nowMicros());
      return insert.executeUpdate() > 0;
    } catch (SQLException e) {
      throw database.failure("recording that " + scope + " processed event " + eventId, e);
    }
  }

  @Override
  public boolean isProcessed(String scope, String eventId) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(eventId, "eventId");
    lifecycle.ensureOpen();
    try (Connection connection = database.connection();
        PreparedStatement select = connection.prepareStatement(SELECT)) {
      select.setString(1, scope);
      select.setString(2, eventId);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next();
      }
    } catch (SQLException e) {
      throw database.failure("reading whether " + scope + " processed event " + eventId, e);
    }
  }

  /** Refuses further calls; the database stays open. Closing again does nothing. */
  @Override
  public void close() {
    lifecycle.close();
  }
}
