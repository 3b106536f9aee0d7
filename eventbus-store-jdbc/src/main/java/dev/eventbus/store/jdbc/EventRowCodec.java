package dev.eventbus.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.eventbus.api.spi.EventStoreException;
import dev.eventbus.api.spi.NewEvent;
import dev.eventbus.api.spi.QuarantinedEvent;
import dev.eventbus.api.spi.StoredEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The stored form of an event, a row of {@code eventbus_events}: headers and data as JSON text
 * ({@link Json}), the timestamp in epoch microseconds ({@link Times}, finer digits dropped), the id
 * as the dialect stores UUIDs. It is the one place that knows the columns and their order, so the
 * event log's statements and the mapping cannot drift apart. A row that cannot be mapped back (its
 * headers or data do not parse as JSON, or it is not a valid event) becomes an {@link Unreadable}
 * with the reason the log quarantines it under; the codec itself touches no database.
 *
 * <p>Immutable and thread-safe.
 */
final class EventRowCodec {

  /** The columns of an event, in the order {@link #bind} and {@link #decode} use. */
  static final String COLUMNS =
      "position, id, event_type, version, ts, partition_key, headers, data";

  /** The columns {@link #quarantinedEvent} reads, in its order. */
  static final String QUARANTINED_COLUMNS =
      "position, event_type, version, quarantined_reason, quarantined_at, data";

  /** An event with its columns in stored form, ready to be inserted at a position. */
  record EncodedEvent(NewEvent event, long micros, String headers, String data) {}

  /** A row that could not be read, and why: the reason it is quarantined with. */
  record Unreadable(long position, String reason) {}

  private final JdbcDialect dialect;

  EventRowCodec(JdbcDialect dialect) {
    this.dialect = dialect;
  }

  /**
   * The stored form of {@code event}.
   *
   * @throws EventStoreException if its timestamp is beyond the range of epoch microseconds or its
   *     headers or data cannot be written as JSON, naming the event
   */
  EncodedEvent encode(NewEvent event) {
    long micros =
        Times.toMicros(
            event.timestamp(),
            () ->
                "append failed: event "
                    + event.id()
                    + " has a timestamp out of range: "
                    + event.timestamp());
    Supplier<String> subject =
        () -> "append failed: data of event " + event.id() + " (" + event.eventType() + ")";
    return new EncodedEvent(
        event, micros, Json.write(event.headers(), subject), Json.write(event.data(), subject));
  }

  /**
   * Binds {@code event} at {@code position} as the parameters 1 to 8 of a statement whose columns
   * are {@link #COLUMNS}.
   */
  void bind(PreparedStatement insert, EncodedEvent event, long position) throws SQLException {
    NewEvent source = event.event();
    insert.setLong(1, position);
    dialect.setUuid(insert, 2, source.id());
    insert.setString(3, source.eventType());
    insert.setInt(4, source.version());
    insert.setLong(5, event.micros());
    insert.setString(6, source.partitionKey());
    insert.setString(7, event.headers());
    insert.setString(8, event.data());
  }

  /**
   * Maps the current row of {@code rows}, whose columns are {@link #COLUMNS}, to an event added to
   * {@code events}, or, if it does not parse, to an entry of {@code unreadable}.
   *
   * @throws SQLException if the driver cannot read a column
   */
  void decode(ResultSet rows, List<StoredEvent> events, List<Unreadable> unreadable)
      throws SQLException {
    long position = rows.getLong(1);
    String column = "headers";
    try {
      Map<String, String> headers = Json.readStrings(rows.getString(7));
      column = "data";
      Map<String, Object> data = Json.readTree(rows.getString(8));
      String partitionKey = rows.getString(6);
      events.add(
          new StoredEvent(
              position,
              UUID.fromString(rows.getString(2)),
              rows.getString(3),
              rows.getInt(4),
              Times.fromMicros(rows.getLong(5)),
              partitionKey,
              headers,
              data));
    } catch (JsonProcessingException e) {
      unreadable.add(
          new Unreadable(
              position,
              "position "
                  + position
                  + ": "
                  + column
                  + " does not parse as JSON: "
                  + Json.describe(e)));
    } catch (IllegalArgumentException | DateTimeException | NullPointerException e) {
      unreadable.add(
          new Unreadable(
              position,
              "position " + position + ": record is not a valid event: " + e.getMessage()));
    }
  }

  /**
   * Maps the current row of {@code rows}, whose columns are {@link #QUARANTINED_COLUMNS}, to a
   * quarantined record; a missing type or data reads as the empty string.
   *
   * @throws SQLException if the driver cannot read a column
   */
  QuarantinedEvent quarantinedEvent(ResultSet rows) throws SQLException {
    return new QuarantinedEvent(
        rows.getLong(1),
        Objects.requireNonNullElse(rows.getString(2), ""),
        rows.getInt(3),
        rows.getString(4),
        Times.fromMicros(rows.getLong(5)),
        Objects.requireNonNullElse(rows.getString(6), ""));
  }
}
