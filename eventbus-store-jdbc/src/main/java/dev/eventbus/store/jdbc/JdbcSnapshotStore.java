package dev.eventbus.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.eventbus.api.spi.EventStoreException;
import dev.eventbus.api.spi.Snapshot;
import dev.eventbus.api.spi.SnapshotStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link SnapshotStore} in the {@code eventbus_snapshots} table of a {@link JdbcDatabase}: one
 * row per key, the state as JSON text. A save is one statement ({@code INSERT ... ON CONFLICT DO
 * UPDATE ... WHERE} the stored position is not higher), atomic on both databases and durable when
 * it returns, as an {@link JdbcEventStore} append is. Thread-safe.
 *
 * @since 0.1
 */
public final class JdbcSnapshotStore implements SnapshotStore {

  private static final String UPSERT =
      "INSERT INTO eventbus_snapshots"
          + " (snapshot_key, state_type, version, position, state, saved_at)"
          + " VALUES (?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (snapshot_key) DO UPDATE SET"
          + " state_type = excluded.state_type, version = excluded.version,"
          + " position = excluded.position, state = excluded.state, saved_at = excluded.saved_at"
          + " WHERE eventbus_snapshots.position <= excluded.position";

  private final JdbcDatabase database;
  private final StoreLifecycle lifecycle;

  JdbcSnapshotStore(JdbcDatabase database, boolean ownsDatabase) {
    this.database = database;
    this.lifecycle = new StoreLifecycle(database, ownsDatabase, "the JDBC snapshot store");
  }

  /**
   * Opens a store with a database and pool of its own, which {@link #close()} closes.
   *
   * @param config the database, pool and store settings
   * @return the open store, owning its database
   * @throws EventStoreException if the database cannot be reached or migrated
   */
  public static JdbcSnapshotStore open(JdbcStoreConfig config) {
    return new JdbcSnapshotStore(JdbcDatabase.open(config), true);
  }

  @Override
  public boolean save(Snapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    lifecycle.ensureOpen();
    String state =
        Json.write(
            snapshot.state(), () -> "save of snapshot '" + snapshot.key() + "' failed: state");
    try (Connection connection = database.connection();
        PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
      upsert.setString(1, snapshot.key());
      upsert.setString(2, snapshot.stateType());
      upsert.setInt(3, snapshot.version());
      upsert.setLong(4, snapshot.position());
      upsert.setString(5, state);
      upsert.setLong(6, Times.nowMicros());
      return upsert.executeUpdate() > 0;
    } catch (SQLException e) {
      throw database.failure(
          "save of snapshot '" + snapshot.key() + "' at position " + snapshot.position(), e);
    }
  }

  @Override
  public Optional<Snapshot> load(String key) {
    Objects.requireNonNull(key, "key");
    lifecycle.ensureOpen();
    try (Connection connection = database.connection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT state_type, version, position, state FROM eventbus_snapshots"
                    + " WHERE snapshot_key = ?")) {
      select.setString(1, key);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        Map<String, Object> state = Json.readTree(rows.getString(4));
        return Optional.of(
            new Snapshot(key, rows.getString(1), rows.getInt(2), rows.getLong(3), state));
      }
    } catch (SQLException e) {
      throw database.failure("load of snapshot '" + key + "'", e);
    } catch (JsonProcessingException e) {
      throw new EventStoreException(
          "load of snapshot '"
              + key
              + "' failed: state does not parse as JSON: "
              + Json.describe(e),
          e);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new EventStoreException(
          "load of snapshot '" + key + "' failed: stored row is not a valid snapshot", e);
    }
  }

  /**
   * Refuses further calls and, if this store opened its own database, closes its pool. Closing
   * again does nothing.
   */
  @Override
  public void close() {
    lifecycle.close();
  }

  @Override
  public String toString() {
    return lifecycle.describe("JdbcSnapshotStore");
  }
}
