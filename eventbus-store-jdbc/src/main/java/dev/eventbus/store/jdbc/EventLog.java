package dev.eventbus.store.jdbc;

import dev.eventbus.api.spi.EventStoreException;
import dev.eventbus.api.spi.NewEvent;
import dev.eventbus.api.spi.QuarantinedEvent;
import dev.eventbus.api.spi.StoredEvent;
import dev.eventbus.store.jdbc.EventRowCodec.EncodedEvent;
import dev.eventbus.store.jdbc.EventRowCodec.Unreadable;
import dev.eventbus.store.jdbc.PositionPages.Chunk;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The event log of a {@link JdbcEventStore}, the {@code eventbus_events} table: appends with
 * gapless positions, reads by position, type and partition key in pages, and quarantine. Kept apart
 * from the delivery ledger because its invariant is its own: positions are numbered under a writer
 * lock, so they have no gaps and commit in order, even with several stores or processes on one
 * database. The lock is this log's {@link ReentrantLock} plus the dialect's database lock ({@code
 * BEGIN IMMEDIATE} on SQLite, {@code pg_advisory_xact_lock} on PostgreSQL), both held until the
 * commit.
 *
 * <p>Reads leave out quarantined rows. A row the {@linkplain EventRowCodec codec} cannot read is
 * quarantined when a read meets it, after the read's connection went back to the pool, and skipped.
 *
 * <p>Thread-safe: every call borrows a connection of its own, and appends of one log take its
 * writer lock one at a time. It checks neither arguments nor whether the store is open, which its
 * store does before calling, except before each page a stream fetches. Every method throws {@link
 * EventStoreException} when a statement fails, and a stream throws {@link IllegalStateException}
 * when it fetches a page after its store closed.
 */
final class EventLog {

  private static final String INSERT =
      "INSERT INTO eventbus_events (" + EventRowCodec.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

  /**
   * More rows an append writes in its transaction, after its events: they are stored with the
   * events or, if anything of the append fails, not at all.
   */
  @FunctionalInterface
  interface WithinAppend {

    /** Writes the rows of {@code batch}, whose events are at positions from {@code first} on. */
    void write(Connection connection, List<NewEvent> batch, long first) throws SQLException;
  }

  private final JdbcDatabase database;
  private final StoreLifecycle lifecycle;
  private final JdbcDialect dialect;
  private final EventRowCodec codec;
  private final ReentrantLock writerLock = new ReentrantLock();

  EventLog(JdbcDatabase database, StoreLifecycle lifecycle, EventRowCodec codec) {
    this.database = database;
    this.lifecycle = lifecycle;
    this.dialect = database.dialect();
    this.codec = codec;
  }

  /**
   * Appends {@code batch}, not empty, at the next positions, with what {@code withinAppend} writes,
   * in one transaction that holds the writer lock; returns after the commit.
   *
   * @return the events at their positions, with the data maps of {@code batch} as given
   * @throws EventStoreException if an event cannot be encoded, or if the events could not be stored
   *     (none of them was, nor anything {@code withinAppend} wrote), naming the positions they were
   *     to get when known
   */
  List<StoredEvent> append(List<NewEvent> batch, WithinAppend withinAppend) {
    List<EncodedEvent> encoded = new ArrayList<>(batch.size());
    for (NewEvent event : batch) {
      encoded.add(codec.encode(event));
    }
    // Not Transactions.inTransaction: the failure message names the positions this transaction
    // read under its lock.
    long first = -1;
    writerLock.lock();
    try (Connection connection = database.connection()) {
      dialect.begin(connection);
      try {
        dialect.lock(connection, JdbcDialect.APPEND_LOCK);
        first = lastPosition(connection) + 1;
        insert(connection, encoded, first);
        withinAppend.write(connection, batch, first);
        dialect.commit(connection);
      } catch (SQLException | RuntimeException e) {
        Transactions.rollbackAfter(connection, dialect, e);
        throw e;
      }
    } catch (SQLException e) {
      throw new EventStoreException(
          "append of "
              + batch.size()
              + " events failed"
              + (first < 1 ? "" : " at positions " + first + ".." + (first + batch.size() - 1))
              + ": "
              + database.explain(e),
          e);
    } finally {
      writerLock.unlock();
    }
    return positioned(batch, first);
  }

  /** Inserts {@code encoded} at positions from {@code first} on, in one batched statement. */
  private void insert(Connection connection, List<EncodedEvent> encoded, long first)
      throws SQLException {
    try (BatchedStatement insert = new BatchedStatement(connection, INSERT)) {
      long position = first;
      for (EncodedEvent event : encoded) {
        codec.bind(insert.statement(), event, position++);
        insert.add();
      }
      insert.flush();
    }
  }

  /** The events of {@code batch} at the positions from {@code first} on. */
  private static List<StoredEvent> positioned(List<NewEvent> batch, long first) {
    List<StoredEvent> stored = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      stored.add(batch.get(i).at(first + i));
    }
    return List.copyOf(stored);
  }

  /**
   * Appends {@code batch}, not empty, at the next positions, with what {@code withinAppend} writes,
   * in the caller's transaction on {@code connection}, which stays open and uncommitted. The
   * database's writer lock is taken in that transaction and held until the caller ends it, so
   * positions stay gapless and commit in order: other appends wait for the caller's commit. This
   * log's own lock is not taken (the caller's transaction outlives this call).
   *
   * @throws IllegalStateException if {@code connection} is in auto-commit mode
   * @throws EventStoreException if an event cannot be encoded or a statement failed; the caller
   *     must roll back
   */
  List<StoredEvent> appendInTransaction(
      Connection connection, List<NewEvent> batch, WithinAppend withinAppend) {
    List<EncodedEvent> encoded = new ArrayList<>(batch.size());
    for (NewEvent event : batch) {
      encoded.add(codec.encode(event));
    }
    long first = -1;
    try {
      if (connection.getAutoCommit()) {
        throw new IllegalStateException(
            "appendInTransaction needs a connection in a transaction, but this one is in"
                + " auto-commit mode: call connection.setAutoCommit(false) first");
      }
      dialect.lockInTransaction(connection, JdbcDialect.APPEND_LOCK);
      first = lastPosition(connection) + 1;
      insert(connection, encoded, first);
      withinAppend.write(connection, batch, first);
    } catch (SQLException e) {
      throw new EventStoreException(
          "append of "
              + batch.size()
              + " events in the caller's transaction failed"
              + (first < 1 ? "" : " at positions " + first + ".." + (first + batch.size() - 1))
              + ": "
              + database.explain(e),
          e);
    }
    return positioned(batch, first);
  }

  /** The event at {@code position}, unless there is none, it is quarantined or unreadable. */
  Optional<StoredEvent> read(long position) {
    if (position < 1) {
      return Optional.empty();
    }
    Page page;
    try (Connection connection = database.connection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT "
                    + EventRowCodec.COLUMNS
                    + " FROM eventbus_events WHERE position = ? AND quarantined_reason IS NULL")) {
      select.setLong(1, position);
      page = collect(select, 1);
    } catch (SQLException e) {
      throw database.failure("read of position " + position, e);
    }
    setAsideUnreadable(page);
    return page.events().stream().findFirst();
  }

  /** A lazy stream of the events from {@code fromPosition} on, paged. */
  Stream<StoredEvent> readFrom(long fromPosition) {
    return pages(new Selection("readFrom", null, null), fromPosition);
  }

  /** A lazy stream of the events of {@code eventType} from {@code fromPosition} on, paged. */
  Stream<StoredEvent> readByType(String eventType, long fromPosition) {
    return pages(
        new Selection("readByType(" + eventType + ")", "event_type", eventType), fromPosition);
  }

  /** A lazy stream of the events with {@code partitionKey} from {@code fromPosition} on, paged. */
  Stream<StoredEvent> readByPartitionKey(String partitionKey, long fromPosition) {
    return pages(
        new Selection("readByPartitionKey(" + partitionKey + ")", "partition_key", partitionKey),
        fromPosition);
  }

  /** The highest position, quarantined rows included; 0 when the log is empty. */
  long lastPosition() {
    try (Connection connection = database.connection()) {
      return lastPosition(connection);
    } catch (SQLException e) {
      throw database.failure("lastPosition", e);
    }
  }

  /**
   * Sets the event at {@code position} aside with {@code reason}, unless it already is (the first
   * reason stays).
   *
   * @throws IllegalArgumentException if there is no event at {@code position}
   */
  void quarantine(long position, String reason) {
    boolean exists;
    try (Connection connection = database.connection()) {
      exists = setAside(connection, position, reason) || exists(connection, position);
    } catch (SQLException e) {
      throw database.failure("quarantine of position " + position, e);
    }
    if (!exists) {
      throw new IllegalArgumentException("no event at position " + position + " to quarantine");
    }
  }

  /** The events set aside, in position order, with their raw data. */
  List<QuarantinedEvent> quarantined() {
    List<QuarantinedEvent> quarantined = new ArrayList<>();
    try (Connection connection = database.connection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT "
                    + EventRowCodec.QUARANTINED_COLUMNS
                    + " FROM eventbus_events WHERE quarantined_reason IS NOT NULL"
                    + " ORDER BY position");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        quarantined.add(codec.quarantinedEvent(rows));
      }
    } catch (SQLException e) {
      throw database.failure("quarantined", e);
    }
    return List.copyOf(quarantined);
  }

  private Stream<StoredEvent> pages(Selection selection, long fromPosition) {
    int pageSize = database.pageSize();
    return PositionPages.stream(
        from -> {
          Page page = fetch(selection, from, pageSize);
          return new Chunk<>(page.events(), page.rowCount(), page.lastPosition());
        },
        Math.max(1, fromPosition),
        pageSize);
  }

  /** One page of a selection: the rows from {@code from} on, at most {@code limit}. */
  private Page fetch(Selection selection, long from, int limit) {
    lifecycle.ensureOpen();
    String sql =
        "SELECT "
            + EventRowCodec.COLUMNS
            + " FROM eventbus_events WHERE position >= ? AND quarantined_reason IS NULL"
            + (selection.column() == null ? "" : " AND " + selection.column() + " = ?")
            + " ORDER BY position LIMIT ?";
    Page page;
    try (Connection connection = database.connection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      int index = 1;
      select.setLong(index++, from);
      if (selection.value() != null) {
        select.setString(index++, selection.value());
      }
      select.setInt(index, limit);
      select.setFetchSize(limit);
      page = collect(select, limit);
    } catch (SQLException e) {
      throw new EventStoreException(
          selection.operation()
              + " failed reading from position "
              + from
              + ": "
              + database.explain(e),
          e);
    }
    setAsideUnreadable(page);
    return page;
  }

  private Page collect(PreparedStatement select, int limit) throws SQLException {
    List<StoredEvent> events = new ArrayList<>(Math.min(limit, 1024));
    List<Unreadable> unreadable = new ArrayList<>();
    long last = 0;
    int rowCount = 0;
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        rowCount++;
        last = rows.getLong(1);
        codec.decode(rows, events, unreadable);
      }
    }
    return new Page(events, unreadable, rowCount, last);
  }

  /** Quarantines the page's unreadable rows, after its connection went back to the pool. */
  private void setAsideUnreadable(Page page) {
    for (Unreadable row : page.unreadable()) {
      try (Connection connection = database.connection()) {
        setAside(connection, row.position(), row.reason());
      } catch (SQLException e) {
        throw database.failure("quarantine of unreadable position " + row.position(), e);
      }
    }
  }

  /** Sets the reason if none is set yet; {@code true} if this call set it. */
  private static boolean setAside(Connection connection, long position, String reason)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE eventbus_events SET quarantined_reason = ?, quarantined_at = ?"
                + " WHERE position = ? AND quarantined_reason IS NULL")) {
      update.setString(1, reason);
      update.setLong(2, Times.nowMicros());
      update.setLong(3, position);
      return update.executeUpdate() > 0;
    }
  }

  private static boolean exists(Connection connection, long position) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT 1 FROM eventbus_events WHERE position = ?")) {
      select.setLong(1, position);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next();
      }
    }
  }

  private static long lastPosition(Connection connection) throws SQLException {
    try (PreparedStatement select =
            connection.prepareStatement("SELECT COALESCE(MAX(position), 0) FROM eventbus_events");
        ResultSet rows = select.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** Which rows a read stream returns: all, or those whose {@code column} equals {@code value}. */
  private record Selection(String operation, @Nullable String column, @Nullable String value) {}

  /**
   * One query's result: the readable events, the unreadable rows, how many rows came back and the
   * last position among them.
   */
  private record Page(
      List<StoredEvent> events, List<Unreadable> unreadable, int rowCount, long lastPosition) {}
}
