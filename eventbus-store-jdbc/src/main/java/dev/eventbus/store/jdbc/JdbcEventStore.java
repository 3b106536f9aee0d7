package dev.eventbus.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.eventbus.api.spi.DurableEventStore;
import dev.eventbus.api.spi.EventStoreException;
import dev.eventbus.api.spi.NewEvent;
import dev.eventbus.api.spi.QuarantinedEvent;
import dev.eventbus.api.spi.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DurableEventStore} in the {@code eventbus_events} and {@code eventbus_deliveries} tables
 * of a {@link JdbcDatabase}.
 *
 * <p><b>Durability.</b> {@link #append(List)} writes all its events, and one pending delivery per
 * event and subscription it {@linkplain NewEvent#deliveries() names}, in one transaction and
 * returns after {@code COMMIT} returned. On SQLite (WAL journal, {@code synchronous=FULL}) the
 * commit has fsynced the WAL, so the events and their deliveries survive a crash of the process or
 * of the machine. On PostgreSQL the commit has been flushed to the write-ahead log under the
 * server's default {@code synchronous_commit=on}; a server configured with {@code
 * synchronous_commit=off} may lose the last commits in a crash, and this store cannot tell.
 *
 * <p><b>Positions.</b> An append takes a writer lock, reads the highest position and numbers its
 * events from there, so positions are gapless even with several store instances or processes on one
 * database: the lock is this store's own lock plus {@code BEGIN IMMEDIATE} on SQLite or {@code
 * pg_advisory_xact_lock} on PostgreSQL, both held until the commit. Commits therefore happen in
 * position order, and a reader never sees a position before all lower ones.
 *
 * <p><b>Deliveries.</b> A pending delivery is a row of {@code eventbus_deliveries} with no
 * completion yet; {@link #completeDeliveries(List)} records outcome and time in it, and {@link
 * #pruneCompletedDeliveries(Instant)} deletes completed rows. {@link #pendingDeliveries(String)}
 * pages like the reads below, through an index that holds only pending rows.
 *
 * <p><b>Reads.</b> Read streams fetch {@linkplain JdbcStoreConfig#pageSize() a page} of rows at a
 * time by position ({@code position >= next ... LIMIT page}) and hold no connection between pages,
 * so a stream that is not closed leaks nothing; closing it is still good form. A stream that runs
 * while others append may include events appended after it was opened. A row whose headers or data
 * do not parse as JSON is quarantined by the store when a read meets it, with a reason naming the
 * position and the error, and is skipped.
 *
 * <p>Timestamps are stored in epoch microseconds: finer digits are dropped. Thread-safe.
 *
 * @since 0.1
 */
public final class JdbcEventStore implements DurableEventStore {

  private static final String COLUMNS =
      "position, id, event_type, version, ts, partition_key, headers, data";
  private static final String INSERT =
      "INSERT INTO eventbus_events"
          + " (position, id, event_type, version, ts, partition_key, headers, data)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_DELIVERY =
      "INSERT INTO eventbus_deliveries (subscription, position) VALUES (?, ?)";

  private static final String COMPLETE =
      "UPDATE eventbus_deliveries SET outcome = ?, completed_at = ?"
          + " WHERE subscription = ? AND position = ? AND completed_at IS NULL";

  /**
   * PostgreSQL's completion statement: one update of up to {@link #COMPLETE_CHUNK} deliveries,
   * given as arrays (subscription, position, outcome, epoch-microsecond time) without duplicates.
   * PostgreSQL plans it as a nested loop over the arrays, in their (key) order, with an index
   * lookup per delivery.
   */
  private static final String COMPLETE_SET =
      "UPDATE eventbus_deliveries d SET outcome = c.outcome, completed_at = c.completed_at"
          + " FROM unnest(?::text[], ?::bigint[], ?::text[], ?::bigint[])"
          + " AS c (subscription, position, outcome, completed_at)"
          + " WHERE d.subscription = c.subscription AND d.position = c.position"
          + " AND d.completed_at IS NULL";

  private static final int INSERT_BATCH = 500;
  private static final int COMPLETE_CHUNK = 5_000;

  private final JdbcDatabase database;
  private final boolean ownsDatabase;
  private final JdbcDialect dialect;
  private final String selectPending;
  private final String prune;
  private final ReentrantLock writerLock = new ReentrantLock();
  private final AtomicBoolean closed = new AtomicBoolean();

  JdbcEventStore(JdbcDatabase database, boolean ownsDatabase) {
    this.database = database;
    this.ownsDatabase = ownsDatabase;
    this.dialect = database.dialect();
    this.selectPending = selectPending(dialect);
    this.prune = prune(dialect);
  }

  /**
   * The query of one page of a subscription's pending deliveries from a position on; its parameters
   * are the subscription, the position twice and the page size. It reads the partial index of
   * pending rows, whatever the number of completed ones; SQLite is told so, as without statistics
   * it would walk the primary key, completed rows included.
   *
   * <p>The bound on {@code e.position} repeats the one on {@code d.position}: PostgreSQL carries
   * equalities across a join but not ranges, and without it a merge join scans the events' primary
   * key from position 1 on every page, which makes reading n pending deliveries cost O(n²).
   */
  static String selectPending(JdbcDialect dialect) {
    return "SELECT d.position FROM eventbus_deliveries d"
        + dialect.indexedBy("eventbus_deliveries_pending_idx")
        + " JOIN eventbus_events e ON e.position = d.position"
        + " WHERE d.subscription = ? AND d.completed_at IS NULL AND d.position >= ?"
        + " AND e.position >= ? AND e.quarantined_reason IS NULL"
        + " ORDER BY d.position LIMIT ?";
  }

  /** The statement deleting the deliveries completed before an epoch-microsecond time. */
  static String prune(JdbcDialect dialect) {
    return "DELETE FROM eventbus_deliveries"
        + dialect.indexedBy("eventbus_deliveries_completed_idx")
        + " WHERE completed_at < ?";
  }

  /**
   * Opens a store with a database and pool of its own, which {@link #close()} closes. To share one
   * pool between an event store and a snapshot store, open a {@link JdbcDatabase} instead.
   *
   * @throws EventStoreException if the database cannot be reached or migrated
   */
  public static JdbcEventStore open(JdbcStoreConfig config) {
    return new JdbcEventStore(JdbcDatabase.open(config), true);
  }

  /**
   * {@inheritDoc}
   *
   * <p>One transaction and batched inserts: the events, then one pending delivery per event and
   * distinct subscription name in its {@linkplain NewEvent#deliveries() deliveries}, all in one
   * batched statement. Returns after the commit (see the class comment for what the commit
   * guarantees on each database); if the append fails, neither its events nor its deliveries are
   * stored. The returned events carry the data maps of {@code events} as given; reads give the
   * store's own copies.
   *
   * @throws EventStoreException if the events could not be stored (none of them was, nor any of
   *     their deliveries), naming the positions they were to get when known
   */
  @Override
  public List<StoredEvent> append(List<NewEvent> events) {
    Objects.requireNonNull(events, "events");
    List<NewEvent> batch = List.copyOf(events);
    ensureOpen();
    if (batch.isEmpty()) {
      return List.of();
    }
    List<EncodedEvent> encoded = new ArrayList<>(batch.size());
    for (NewEvent event : batch) {
      encoded.add(encode(event));
    }
    long first = -1;
    writerLock.lock();
    try (Connection connection = database.connection()) {
      dialect.begin(connection);
      try {
        dialect.lock(connection, JdbcDialect.APPEND_LOCK);
        first = lastPosition(connection) + 1;
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
          long position = first;
          int pending = 0;
          for (EncodedEvent event : encoded) {
            event.bind(insert, position++, dialect);
            insert.addBatch();
            if (++pending == INSERT_BATCH) {
              insert.executeBatch();
              pending = 0;
            }
          }
          if (pending > 0) {
            insert.executeBatch();
          }
        }
        insertDeliveries(connection, batch, first);
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
              + e.getMessage(),
          e);
    } finally {
      writerLock.unlock();
    }
    List<StoredEvent> stored = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      stored.add(batch.get(i).at(first + i));
    }
    return List.copyOf(stored);
  }

  @Override
  public Optional<StoredEvent> read(long position) {
    ensureOpen();
    if (position < 1) {
      return Optional.empty();
    }
    Page page;
    try (Connection connection = database.connection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT "
                    + COLUMNS
                    + " FROM eventbus_events WHERE position = ? AND quarantined_reason IS NULL")) {
      select.setLong(1, position);
      page = collect(select, 1);
    } catch (SQLException e) {
      throw new EventStoreException("read of position " + position + " failed", e);
    }
    setAsideUnreadable(page);
    return page.events().stream().findFirst();
  }

  @Override
  public Stream<StoredEvent> readFrom(long fromPosition) {
    ensureOpen();
    return pages(new Selection("readFrom", null, null), fromPosition);
  }

  @Override
  public Stream<StoredEvent> readByType(String eventType, long fromPosition) {
    Objects.requireNonNull(eventType, "eventType");
    ensureOpen();
    return pages(
        new Selection("readByType(" + eventType + ")", "event_type", eventType), fromPosition);
  }

  @Override
  public Stream<StoredEvent> readByPartitionKey(String partitionKey, long fromPosition) {
    Objects.requireNonNull(partitionKey, "partitionKey");
    ensureOpen();
    return pages(
        new Selection("readByPartitionKey(" + partitionKey + ")", "partition_key", partitionKey),
        fromPosition);
  }

  @Override
  public long lastPosition() {
    ensureOpen();
    try (Connection connection = database.connection()) {
      return lastPosition(connection);
    } catch (SQLException e) {
      throw new EventStoreException("lastPosition failed", e);
    }
  }

  @Override
  public void quarantine(long position, String reason) {
    Objects.requireNonNull(reason, "reason");
    ensureOpen();
    boolean exists;
    try (Connection connection = database.connection()) {
      exists = setAside(connection, position, reason) || exists(connection, position);
    } catch (SQLException e) {
      throw new EventStoreException("quarantine of position " + position + " failed", e);
    }
    if (!exists) {
      throw new IllegalArgumentException("no event at position " + position + " to quarantine");
    }
  }

  @Override
  public List<QuarantinedEvent> quarantined() {
    ensureOpen();
    List<QuarantinedEvent> quarantined = new ArrayList<>();
    try (Connection connection = database.connection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT position, event_type, version, quarantined_reason, quarantined_at, data"
                    + " FROM eventbus_events WHERE quarantined_reason IS NOT NULL"
                    + " ORDER BY position");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        quarantined.add(
            new QuarantinedEvent(
                rows.getLong(1),
                Objects.requireNonNullElse(rows.getString(2), ""),
                rows.getInt(3),
                rows.getString(4),
                Times.fromMicros(rows.getLong(5)),
                Objects.requireNonNullElse(rows.getString(6), "")));
      }
    } catch (SQLException e) {
      throw new EventStoreException("quarantined failed", e);
    }
    return List.copyOf(quarantined);
  }

  /**
   * {@inheritDoc}
   *
   * <p>A lazy stream, paged like the reads ({@code position >= next ... LIMIT page}): each page
   * borrows a connection and returns it before the stream hands out a delivery, so millions of
   * pending deliveries stream in constant memory without holding a connection. Deliveries recorded
   * or completed while the stream runs may or may not show.
   */
  @Override
  public Stream<PendingDelivery> pendingDeliveries(String subscription) {
    Objects.requireNonNull(subscription, "subscription");
    ensureOpen();
    int pageSize = database.pageSize();
    return StreamSupport.stream(
        new Pages<>(from -> fetchPending(subscription, from, pageSize), 1, pageSize), false);
  }

  /**
   * {@inheritDoc}
   *
   * <p>One transaction of updates that set outcome and time only where none is set yet, so the
   * first completion stays; completions of deliveries that were never recorded update nothing.
   * Times are kept to the microsecond. An empty list does nothing. Rows are updated in key order:
   * on SQLite by batched single-row updates, on PostgreSQL by set-based updates of up to 5,000
   * deliveries each, passed as arrays.
   *
   * @throws IllegalStateException if the store is closed
   */
  @Override
  public void completeDeliveries(List<DeliveryCompletion> completions) {
    Objects.requireNonNull(completions, "completions");
    List<DeliveryCompletion> sorted = new ArrayList<>(completions.size());
    for (DeliveryCompletion completion : completions) {
      sorted.add(Objects.requireNonNull(completion, "completion"));
    }
    ensureOpen();
    if (sorted.isEmpty()) {
      return;
    }
    // Rows updated in key order, so that two transactions completing the same deliveries cannot
    // deadlock. The sort is stable: of two completions of one delivery the first still wins.
    sorted.sort(
        Comparator.comparing(DeliveryCompletion::subscriptionName)
            .thenComparingLong(DeliveryCompletion::position));
    long[] micros = new long[sorted.size()];
    for (int i = 0; i < micros.length; i++) {
      DeliveryCompletion completion = sorted.get(i);
      try {
        micros[i] = Times.toMicros(completion.completedAt());
      } catch (ArithmeticException e) {
        throw new EventStoreException(
            "completeDeliveries failed: completion of position "
                + completion.position()
                + " for "
                + completion.subscriptionName()
                + " has a time out of range: "
                + completion.completedAt(),
            e);
      }
    }
    try (Connection connection = database.connection()) {
      dialect.begin(connection);
      try {
        if (dialect == JdbcDialect.POSTGRESQL) {
          completeInSets(connection, sorted, micros);
        } else {
          completeInBatches(connection, sorted, micros);
        }
        dialect.commit(connection);
      } catch (SQLException | RuntimeException e) {
        Transactions.rollbackAfter(connection, dialect, e);
        throw e;
      }
    } catch (SQLException e) {
      throw new EventStoreException(
          "completeDeliveries of " + sorted.size() + " completions failed: " + e.getMessage(), e);
    }
  }

  /**
   * Completes {@code sorted} deliveries (in key order, times in {@code micros}) with one batched
   * update statement per delivery: SQLite runs each in microseconds, in process.
   */
  private static void completeInBatches(
      Connection connection, List<DeliveryCompletion> sorted, long[] micros) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(COMPLETE)) {
      int pending = 0;
      for (int i = 0; i < micros.length; i++) {
        DeliveryCompletion completion = sorted.get(i);
        update.setString(1, completion.outcome().name());
        update.setLong(2, micros[i]);
        update.setString(3, completion.subscriptionName());
        update.setLong(4, completion.position());
        update.addBatch();
        if (++pending == INSERT_BATCH) {
          update.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        update.executeBatch();
      }
    }
  }

  /**
   * Completes {@code sorted} deliveries (in key order, times in {@code micros}) with one set-based
   * update per {@link #COMPLETE_CHUNK}: on PostgreSQL a statement per delivery costs a round of
   * parse, plan and execute on the server each, which made completions the slowest part of
   * recovery. A row is updated at most once per statement, with any of its matches, so of several
   * completions of one delivery only the first is sent; the later ones would not have changed it.
   */
  private static void completeInSets(
      Connection connection, List<DeliveryCompletion> sorted, long[] micros) throws SQLException {
    int[] firsts = new int[sorted.size()];
    int count = 0;
    for (int i = 0; i < sorted.size(); i++) {
      if (i == 0 || !sameDelivery(sorted.get(i - 1), sorted.get(i))) {
        firsts[count++] = i;
      }
    }
    try (PreparedStatement update = connection.prepareStatement(COMPLETE_SET)) {
      for (int from = 0; from < count; from += COMPLETE_CHUNK) {
        int size = Math.min(COMPLETE_CHUNK, count - from);
        String[] subscriptions = new String[size];
        Long[] positions = new Long[size];
        String[] outcomes = new String[size];
        Long[] times = new Long[size];
        for (int j = 0; j < size; j++) {
          int i = firsts[from + j];
          DeliveryCompletion completion = sorted.get(i);
          subscriptions[j] = completion.subscriptionName();
          positions[j] = completion.position();
          outcomes[j] = completion.outcome().name();
          times[j] = micros[i];
        }
        update.setArray(1, connection.createArrayOf("text", subscriptions));
        update.setArray(2, connection.createArrayOf("int8", positions));
        update.setArray(3, connection.createArrayOf("text", outcomes));
        update.setArray(4, connection.createArrayOf("int8", times));
        update.executeUpdate();
      }
    }
  }

  private static boolean sameDelivery(DeliveryCompletion a, DeliveryCompletion b) {
    return a.position() == b.position() && a.subscriptionName().equals(b.subscriptionName());
  }

  /**
   * {@inheritDoc}
   *
   * <p>One statement. Completion times are compared to the microsecond.
   */
  @Override
  public long pruneCompletedDeliveries(Instant completedBefore) {
    Objects.requireNonNull(completedBefore, "completedBefore");
    ensureOpen();
    long before;
    try {
      before = Times.toMicros(completedBefore);
    } catch (ArithmeticException e) {
      // Beyond the range of the column: before everything stored, or after it.
      before = completedBefore.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    try (Connection connection = database.connection();
        PreparedStatement delete = connection.prepareStatement(prune)) {
      delete.setLong(1, before);
      return delete.executeUpdate();
    } catch (SQLException e) {
      throw new EventStoreException(
          "pruneCompletedDeliveries(" + completedBefore + ") failed: " + e.getMessage(), e);
    }
  }

  /**
   * Refuses further calls and, if this store opened its own database, closes its pool. Closing
   * again does nothing.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && ownsDatabase) {
      database.close();
    }
  }

  @Override
  public String toString() {
    return "JdbcEventStore[" + dialect + (isClosed() ? ", closed]" : "]");
  }

  private boolean isClosed() {
    return closed.get() || database.isClosed();
  }

  private void ensureOpen() {
    if (isClosed()) {
      throw new IllegalStateException("the JDBC event store is closed");
    }
  }

  private Stream<StoredEvent> pages(Selection selection, long fromPosition) {
    int pageSize = database.pageSize();
    return StreamSupport.stream(
        new Pages<>(
            from -> {
              Page page = fetch(selection, from, pageSize);
              return new Chunk<>(page.events(), page.rowCount(), page.lastPosition());
            },
            Math.max(1, fromPosition),
            pageSize),
        false);
  }

  /** One page of a subscription's pending deliveries from position {@code from} on. */
  private Chunk<PendingDelivery> fetchPending(String subscription, long from, int limit) {
    ensureOpen();
    List<PendingDelivery> deliveries = new ArrayList<>(Math.min(limit, 1024));
    long last = 0;
    try (Connection connection = database.connection();
        PreparedStatement select = connection.prepareStatement(selectPending)) {
      select.setString(1, subscription);
      select.setLong(2, from);
      select.setLong(3, from);
      select.setInt(4, limit);
      select.setFetchSize(limit);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          last = rows.getLong(1);
          deliveries.add(new PendingDelivery(last, subscription));
        }
      }
    } catch (SQLException e) {
      throw new EventStoreException(
          "pendingDeliveries(" + subscription + ") failed reading from position " + from, e);
    }
    return new Chunk<>(deliveries, deliveries.size(), last);
  }

  /**
   * Inserts one pending delivery per event of {@code batch} and distinct subscription it names, the
   * events being at positions from {@code first}: one prepared statement, executed in batches.
   */
  private static void insertDeliveries(Connection connection, List<NewEvent> batch, long first)
      throws SQLException {
    if (batch.stream().allMatch(event -> event.deliveries().isEmpty())) {
      return;
    }
    try (PreparedStatement insert = connection.prepareStatement(INSERT_DELIVERY)) {
      long position = first;
      int pending = 0;
      for (NewEvent event : batch) {
        List<String> subscriptions = event.deliveries();
        if (subscriptions.size() > 1) {
          subscriptions = List.copyOf(new LinkedHashSet<>(subscriptions));
        }
        for (String subscription : subscriptions) {
          insert.setString(1, subscription);
          insert.setLong(2, position);
          insert.addBatch();
          if (++pending == INSERT_BATCH) {
            insert.executeBatch();
            pending = 0;
          }
        }
        position++;
      }
      if (pending > 0) {
        insert.executeBatch();
      }
    }
  }

  /** One page of a selection: the rows from {@code from} on, at most {@code limit}. */
  private Page fetch(Selection selection, long from, int limit) {
    ensureOpen();
    String sql =
        "SELECT "
            + COLUMNS
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
          selection.operation() + " failed reading from position " + from, e);
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
        decode(rows, events, unreadable);
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
        throw new EventStoreException(
            "quarantine of unreadable position " + row.position() + " failed", e);
      }
    }
  }

  private static void decode(ResultSet rows, List<StoredEvent> events, List<Unreadable> unreadable)
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

  private static EncodedEvent encode(NewEvent event) {
    long micros;
    try {
      micros = Times.toMicros(event.timestamp());
    } catch (ArithmeticException e) {
      throw new EventStoreException(
          "append failed: event "
              + event.id()
              + " has a timestamp out of range: "
              + event.timestamp(),
          e);
    }
    try {
      return new EncodedEvent(event, micros, Json.write(event.headers()), Json.write(event.data()));
    } catch (JsonProcessingException e) {
      throw new EventStoreException(
          "append failed: data of event "
              + event.id()
              + " ("
              + event.eventType()
              + ") cannot be written as JSON: "
              + Json.describe(e),
          e);
    }
  }

  /** An event with its columns in stored form. */
  private record EncodedEvent(NewEvent event, long micros, String headers, String data) {

    void bind(PreparedStatement insert, long position, JdbcDialect dialect) throws SQLException {
      insert.setLong(1, position);
      dialect.setUuid(insert, 2, event.id());
      insert.setString(3, event.eventType());
      insert.setInt(4, event.version());
      insert.setLong(5, micros);
      insert.setString(6, event.partitionKey());
      insert.setString(7, headers);
      insert.setString(8, data);
    }
  }

  /** Which rows a read stream returns: all, or those whose {@code column} equals {@code value}. */
  private record Selection(String operation, @Nullable String column, @Nullable String value) {}

  /** A row that could not be read, and why. */
  private record Unreadable(long position, String reason) {}

  /**
   * One query's result: the readable events, the unreadable rows, how many rows came back and the
   * last position among them.
   */
  private record Page(
      List<StoredEvent> events, List<Unreadable> unreadable, int rowCount, long lastPosition) {}

  /** One page as a stream needs it: the items, how many rows came back, the last position. */
  private record Chunk<T>(List<T> items, int rowCount, long lastPosition) {}

  /**
   * A paged stream's source: fetches the page from the next position when the previous one is used
   * up, and stops after a page with fewer rows than a full one.
   */
  private static final class Pages<T> extends Spliterators.AbstractSpliterator<T> {

    private final LongFunction<Chunk<T>> fetch;
    private final int pageSize;
    private final ArrayDeque<T> buffer = new ArrayDeque<>();
    private long next;
    private boolean exhausted;

    Pages(LongFunction<Chunk<T>> fetch, long from, int pageSize) {
      super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT);
      this.fetch = fetch;
      this.next = from;
      this.pageSize = pageSize;
    }

    @Override
    public boolean tryAdvance(Consumer<? super T> action) {
      while (buffer.isEmpty()) {
        if (exhausted) {
          return false;
        }
        Chunk<T> page = fetch.apply(next);
        buffer.addAll(page.items());
        if (page.rowCount() < pageSize) {
          exhausted = true;
        } else {
          next = page.lastPosition() + 1;
        }
      }
      action.accept(buffer.removeFirst());
      return true;
    }
  }
}
