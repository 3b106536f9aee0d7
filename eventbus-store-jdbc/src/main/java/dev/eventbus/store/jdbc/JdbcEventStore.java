package dev.eventbus.store.jdbc;

import dev.eventbus.api.DeadLetter;
import dev.eventbus.api.DeadLetterFilter;
import dev.eventbus.api.spi.DurableEventStore;
import dev.eventbus.api.spi.EventStoreException;
import dev.eventbus.api.spi.NewEvent;
import dev.eventbus.api.spi.QuarantinedEvent;
import dev.eventbus.api.spi.StoredEvent;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
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

  // This class checks arguments and whether the store is open, then hands the work to one of two
  // collaborators on the same database: the event log (appends, reads, quarantine; rows mapped by
  // an EventRowCodec) or the delivery ledger (pending deliveries, completions, pruning). An append
  // writes the ledger's pending deliveries inside the log's transaction.
  private final StoreLifecycle lifecycle;
  private final EventLog log;
  private final DeliveryLedger ledger;
  private final @Nullable InstanceLease lease;
  private final DeadLetterTable deadLetters;

  /**
   * On PostgreSQL, registers this instance's lease (see {@link JdbcStoreConfig#instanceId()});
   * closes {@code database} if that fails and the store owns it.
   */
  JdbcEventStore(JdbcDatabase database, boolean ownsDatabase) {
    this.lifecycle = new StoreLifecycle(database, ownsDatabase, "the JDBC event store");
    this.log = new EventLog(database, lifecycle, new EventRowCodec(database.dialect()));
    InstanceLease registered = null;
    if (database.dialect() == JdbcDialect.POSTGRESQL) {
      try {
        registered = database.instanceLease();
      } catch (RuntimeException e) {
        lifecycle.close();
        throw e;
      }
    }
    this.lease = registered;
    this.ledger = new DeliveryLedger(database, lifecycle, registered);
    this.deadLetters = new DeadLetterTable(database);
  }

  /**
   * Opens a store with a database and pool of its own, which {@link #close()} closes. To share one
   * pool between an event store and a snapshot store, open a {@link JdbcDatabase} instead.
   *
   * @param config the database, pool and store settings
   * @return the open store, owning its database
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
    lifecycle.ensureOpen();
    if (batch.isEmpty()) {
      return List.of();
    }
    return log.append(batch, ledger::recordPending);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Takes the database's writer lock in the caller's transaction (an advisory lock on
   * PostgreSQL, the file's write lock on SQLite), so positions stay gapless and commit in order:
   * every other append waits until the caller commits or rolls back. Publish last in a transaction
   * and keep it short. On SQLite the connection must be one to this store's file.
   */
  @Override
  public List<StoredEvent> appendInTransaction(Connection connection, List<NewEvent> events) {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(events, "events");
    List<NewEvent> batch = List.copyOf(events);
    lifecycle.ensureOpen();
    if (batch.isEmpty()) {
      return List.of();
    }
    return log.appendInTransaction(connection, batch, ledger::recordPending);
  }

  /**
   * {@inheritDoc}
   *
   * <p>A third of {@link JdbcStoreConfig#leaseDuration()} on PostgreSQL; zero on SQLite, which one
   * process owns.
   */
  @Override
  public Duration leaseRenewalInterval() {
    return lease == null ? Duration.ZERO : lease.renewalInterval();
  }

  @Override
  public void renewLease() {
    lifecycle.ensureOpen();
    if (lease != null) {
      lease.renew();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>On PostgreSQL one statement that selects the claimable deliveries {@code FOR UPDATE SKIP
   * LOCKED} and sets their owner; empty on SQLite.
   */
  @Override
  public List<PendingDelivery> takeOverDeliveries(String subscriptionName, int limit) {
    Objects.requireNonNull(subscriptionName, "subscriptionName");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1 but was " + limit);
    }
    lifecycle.ensureOpen();
    return ledger.takeOver(subscriptionName, limit);
  }

  /** {@return the name this instance goes by on a shared PostgreSQL store; empty on SQLite} */
  public Optional<String> instanceId() {
    return Optional.ofNullable(lease).map(InstanceLease::instanceId);
  }

  @Override
  public Optional<StoredEvent> read(long position) {
    lifecycle.ensureOpen();
    return log.read(position);
  }

  @Override
  public Stream<StoredEvent> readFrom(long fromPosition) {
    lifecycle.ensureOpen();
    return log.readFrom(fromPosition);
  }

  @Override
  public Stream<StoredEvent> readByType(String eventType, long fromPosition) {
    Objects.requireNonNull(eventType, "eventType");
    lifecycle.ensureOpen();
    return log.readByType(eventType, fromPosition);
  }

  @Override
  public Stream<StoredEvent> readByPartitionKey(String partitionKey, long fromPosition) {
    Objects.requireNonNull(partitionKey, "partitionKey");
    lifecycle.ensureOpen();
    return log.readByPartitionKey(partitionKey, fromPosition);
  }

  @Override
  public long lastPosition() {
    lifecycle.ensureOpen();
    return log.lastPosition();
  }

  @Override
  public void quarantine(long position, String reason) {
    Objects.requireNonNull(reason, "reason");
    lifecycle.ensureOpen();
    log.quarantine(position, reason);
  }

  @Override
  public List<QuarantinedEvent> quarantined() {
    lifecycle.ensureOpen();
    return log.quarantined();
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
  public Stream<PendingDelivery> pendingDeliveries(String subscriptionName) {
    Objects.requireNonNull(subscriptionName, "subscriptionName");
    lifecycle.ensureOpen();
    return ledger.pending(subscriptionName);
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
    for (DeliveryCompletion completion : completions) {
      Objects.requireNonNull(completion, "completion");
    }
    lifecycle.ensureOpen();
    ledger.complete(completions);
  }

  /**
   * {@inheritDoc}
   *
   * <p>One statement. Completion times are compared to the microsecond.
   */
  @Override
  public long pruneCompletedDeliveries(Instant completedBefore) {
    Objects.requireNonNull(completedBefore, "completedBefore");
    lifecycle.ensureOpen();
    return ledger.prune(completedBefore);
  }

  /**
   * {@inheritDoc}
   *
   * <p>One upsert into {@code eventbus_dead_letters}, keyed by subscription and position; times are
   * kept to the microsecond.
   */
  @Override
  public void recordDeadLetter(DeadLetter letter) {
    Objects.requireNonNull(letter, "letter");
    lifecycle.ensureOpen();
    deadLetters.record(letter);
  }

  @Override
  public List<DeadLetter> deadLetters(DeadLetterFilter filter) {
    Objects.requireNonNull(filter, "filter");
    lifecycle.ensureOpen();
    return deadLetters.select(filter);
  }

  @Override
  public Optional<DeadLetter> deadLetter(DeadLetter.Id id) {
    Objects.requireNonNull(id, "id");
    lifecycle.ensureOpen();
    return deadLetters.find(id);
  }

  @Override
  public boolean removeDeadLetter(DeadLetter.Id id) {
    Objects.requireNonNull(id, "id");
    lifecycle.ensureOpen();
    return deadLetters.remove(id);
  }

  @Override
  public long purgeDeadLetters(DeadLetterFilter filter) {
    Objects.requireNonNull(filter, "filter");
    lifecycle.ensureOpen();
    return deadLetters.purge(filter);
  }

  /**
   * Refuses further calls and, if this store opened its own database, closes it (which, on
   * PostgreSQL, gives up this instance's lease: see {@link JdbcDatabase#close()}). Closing again
   * does nothing.
   */
  @Override
  public void close() {
    lifecycle.close();
  }

  @Override
  public String toString() {
    return lifecycle.describe("JdbcEventStore");
  }
}
