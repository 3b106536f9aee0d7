package dev.eventbus.store.jdbc;

import dev.eventbus.api.DeadLetter;
import dev.eventbus.api.DeadLetterFilter;
import dev.eventbus.api.spi.EventStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The dead letters of a {@link JdbcEventStore}, the {@code eventbus_dead_letters} table (schema
 * step 5): one row per subscription and event position, recorded by an upsert that adds attempts
 * and keeps the first failure, so a letter that fails again stays one row. Times are epoch
 * microseconds, as every time column.
 *
 * <p>Thread-safe and stateless: every call borrows a connection of its own. It checks neither
 * arguments nor whether the store is open, which its store does before calling; every method throws
 * {@link EventStoreException} when a statement fails.
 */
final class DeadLetterTable {

  private static final String COLUMNS =
      "subscription, position, event_type, attempts, first_failed_at, last_failed_at,"
          + " error_type, error_message, stack_trace";

  private static final String T = "eventbus_dead_letters";

  private static final String RECORD =
      "INSERT INTO "
          + T
          + " ("
          + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (subscription, position) DO UPDATE SET"
          + " attempts = "
          + T
          + ".attempts + excluded.attempts"
          + ", first_failed_at = CASE WHEN excluded.first_failed_at < "
          + T
          + ".first_failed_at THEN excluded.first_failed_at ELSE "
          + T
          + ".first_failed_at END"
          + ", last_failed_at = CASE WHEN excluded.last_failed_at > "
          + T
          + ".last_failed_at THEN excluded.last_failed_at ELSE "
          + T
          + ".last_failed_at END"
          + ", error_type = excluded.error_type"
          + ", error_message = excluded.error_message"
          + ", stack_trace = excluded.stack_trace";

  private final JdbcDatabase database;

  DeadLetterTable(JdbcDatabase database) {
    this.database = database;
  }

  /** Inserts the letter, or adds it to the stored one of the same key. */
  void record(DeadLetter letter) {
    DeadLetter.Id id = letter.id();
    try (Connection connection = database.connection();
        PreparedStatement upsert = connection.prepareStatement(RECORD)) {
      upsert.setString(1, id.subscriptionName());
      upsert.setLong(2, id.position());
      upsert.setString(3, letter.eventType());
      upsert.setInt(4, letter.attempts());
      upsert.setLong(5, micros(letter.firstFailedAt(), id));
      upsert.setLong(6, micros(letter.lastFailedAt(), id));
      upsert.setString(7, letter.errorType());
      upsert.setString(8, letter.errorMessage());
      upsert.setString(9, letter.stackTrace());
      upsert.executeUpdate();
    } catch (SQLException e) {
      throw database.failure("recordDeadLetter(" + id + ")", e);
    }
  }

  /** The letters {@code filter} accepts, by position, then subscription. */
  List<DeadLetter> select(DeadLetterFilter filter) {
    Where where = Where.of(filter);
    List<DeadLetter> letters = new ArrayList<>();
    try (Connection connection = database.connection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT "
                    + COLUMNS
                    + " FROM "
                    + T
                    + where.sql()
                    + " ORDER BY position, subscription")) {
      where.bind(select);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          letters.add(letter(rows));
        }
      }
    } catch (SQLException e) {
      throw database.failure("deadLetters(" + filter + ")", e);
    }
    return List.copyOf(letters);
  }

  /** The letter with key {@code id}, if stored. */
  Optional<DeadLetter> find(DeadLetter.Id id) {
    try (Connection connection = database.connection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM " + T + " WHERE subscription = ? AND position = ?")) {
      select.setString(1, id.subscriptionName());
      select.setLong(2, id.position());
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(letter(rows)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw database.failure("deadLetter(" + id + ")", e);
    }
  }

  /** Deletes the letter with key {@code id}; whether there was one. */
  boolean remove(DeadLetter.Id id) {
    try (Connection connection = database.connection();
        PreparedStatement delete =
            connection.prepareStatement(
                "DELETE FROM " + T + " WHERE subscription = ? AND position = ?")) {
      delete.setString(1, id.subscriptionName());
      delete.setLong(2, id.position());
      return delete.executeUpdate() > 0;
    } catch (SQLException e) {
      throw database.failure("removeDeadLetter(" + id + ")", e);
    }
  }

  /** Deletes the letters {@code filter} accepts; how many. */
  long purge(DeadLetterFilter filter) {
    Where where = Where.of(filter);
    try (Connection connection = database.connection();
        PreparedStatement delete = connection.prepareStatement("DELETE FROM " + T + where.sql())) {
      where.bind(delete);
      return delete.executeUpdate();
    } catch (SQLException e) {
      throw database.failure("purgeDeadLetters(" + filter + ")", e);
    }
  }

  private static long micros(Instant instant, DeadLetter.Id id) {
    return Times.toMicros(
        instant,
        () -> "recordDeadLetter(" + id + ") failed: a failure time is out of range: " + instant);
  }

  private static DeadLetter letter(ResultSet rows) throws SQLException {
    return new DeadLetter(
        new DeadLetter.Id(rows.getString(1), rows.getLong(2)),
        rows.getString(3),
        rows.getInt(4),
        Times.fromMicros(rows.getLong(5)),
        Times.fromMicros(rows.getLong(6)),
        rows.getString(7),
        rows.getString(8),
        rows.getString(9));
  }

  /** A filter as a {@code WHERE} clause and its parameters, in order. */
  private record Where(String sql, List<Object> parameters) {

    static Where of(DeadLetterFilter filter) {
      StringBuilder sql = new StringBuilder();
      List<Object> parameters = new ArrayList<>();
      add(sql, parameters, "subscription = ?", filter.subscriptionName());
      add(sql, parameters, "event_type = ?", filter.eventType());
      Instant from = filter.failedFrom();
      Instant before = filter.failedBefore();
      add(sql, parameters, "last_failed_at >= ?", from == null ? null : bound(from));
      add(sql, parameters, "last_failed_at < ?", before == null ? null : bound(before));
      return new Where(sql.toString(), parameters);
    }

    private static void add(
        StringBuilder sql, List<Object> parameters, String condition, @Nullable Object value) {
      if (value != null) {
        sql.append(parameters.isEmpty() ? " WHERE " : " AND ").append(condition);
        parameters.add(value);
      }
    }

    /** An instant in epoch microseconds, one beyond their range clamped to it. */
    private static long bound(Instant instant) {
      return DeliveryLedger.pruneBound(instant);
    }

    void bind(PreparedStatement statement) throws SQLException {
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, parameters.get(i));
      }
    }
  }
}
