package dev.eventbus.store.jdbc;

import dev.eventbus.api.spi.DurableEventStore.DeliveryCompletion;
import dev.eventbus.api.spi.DurableEventStore.PendingDelivery;
import dev.eventbus.api.spi.EventStoreException;
import dev.eventbus.api.spi.NewEvent;
import dev.eventbus.store.jdbc.PositionPages.Chunk;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The delivery ledger of a {@link JdbcEventStore}, the {@code eventbus_deliveries} table: one row
 * per event and subscription that still has to handle it, written in the transaction of the event's
 * append, completed with an outcome and a time, read back while pending and pruned once completed.
 * Kept apart from the event log because its rows have a life of their own: the log only ever grows,
 * while deliveries are completed and deleted at the bus's pace, and their statements are tuned
 * differently on each database (partial indexes; set-based completion on PostgreSQL).
 *
 * <p>A pending delivery is a row with no completion yet. Completions set outcome and time only
 * where none is set, so the first completion of a delivery stays and completions of deliveries
 * never recorded change nothing. Times are epoch microseconds, as every time column.
 *
 * <p>Thread-safe and stateless: every call borrows a connection of its own, except {@link
 * #recordPending}, which writes on the append's. Rows are updated in key order, so two transactions
 * completing the same deliveries cannot deadlock. It checks neither arguments nor whether the store
 * is open, which its store does before calling, except before each page of pending deliveries.
 * Every method throws {@link EventStoreException} when a statement fails (or {@link SQLException},
 * within an append), and a pending-delivery stream throws {@link IllegalStateException} when it
 * fetches a page after its store closed.
 */
final class DeliveryLedger {

  private static final String INSERT =
      "INSERT INTO eventbus_deliveries (subscription, position, owner) VALUES (?, ?, ?)";

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

  private static final int COMPLETE_CHUNK = 5_000;

  /**
   * The order rows are updated in: by subscription, then position. Sorting with it is stable, so of
   * two completions of one delivery the first still comes first.
   */
  static final Comparator<DeliveryCompletion> KEY_ORDER =
      Comparator.comparing(DeliveryCompletion::subscriptionName)
          .thenComparingLong(DeliveryCompletion::position);

  private final JdbcDatabase database;
  private final StoreLifecycle lifecycle;
  private final JdbcDialect dialect;
  private final String selectPending;
  private final String prune;
  private final @Nullable InstanceLease lease;

  /**
   * @param lease this instance's lease on a store several instances share (PostgreSQL), or null on
   *     a store one process owns: then deliveries have no owner and none is claimed
   */
  DeliveryLedger(JdbcDatabase database, StoreLifecycle lifecycle, @Nullable InstanceLease lease) {
    this.database = database;
    this.lifecycle = lifecycle;
    this.dialect = database.dialect();
    this.selectPending = selectPending(dialect);
    this.prune = prune(dialect);
    this.lease = lease;
  }

  /**
   * The statement that claims, for the instance named by its last parameter, one page of a
   * subscription's pending deliveries that no live instance holds, returning their positions (in no
   * particular order). Parameters: the instance, the subscription, the position twice, the instance
   * again (whose own deliveries are claimable when {@code includeOwn}, or not), and the page size.
   *
   * <p>A compare-and-set: the candidates are read with their owner, and a row is claimed only if
   * its owner is still the one read. When two instances claim at once, PostgreSQL's update of a row
   * the other changed meanwhile re-checks the condition on the row's newest version, so the second
   * one finds another owner and passes the row over: no delivery is claimed twice. (A row lock with
   * {@code FOR UPDATE SKIP LOCKED} in the candidate query would not do: the re-check then reads the
   * new owner with the old owner's lease.) The owner's lease is read through a left join: a
   * delivery whose owner has no lease row is as free as one whose lease ran out.
   */
  static String claimPending(boolean includeOwn) {
    return "UPDATE eventbus_deliveries u SET owner = ? FROM (SELECT d.subscription, d.position,"
        + " d.owner FROM eventbus_deliveries d"
        + " JOIN eventbus_events e ON e.position = d.position"
        + " LEFT JOIN eventbus_instances i ON i.instance_id = d.owner"
        + " WHERE d.subscription = ? AND d.completed_at IS NULL AND d.position >= ?"
        + " AND e.position >= ? AND e.quarantined_reason IS NULL"
        + (includeOwn
            ? " AND (d.owner IS NULL OR d.owner = ? OR i.lease_until IS NULL"
            : " AND d.owner IS DISTINCT FROM ? AND (d.owner IS NULL OR i.lease_until IS NULL")
        + " OR i.lease_until < "
        + InstanceLease.NOW_MICROS
        + ") ORDER BY d.position LIMIT ?) c"
        + " WHERE u.subscription = c.subscription AND u.position = c.position"
        + " AND u.owner IS NOT DISTINCT FROM c.owner AND u.completed_at IS NULL"
        + " RETURNING u.position";
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
   * Inserts one pending delivery per event of {@code batch} and distinct subscription it names, the
   * events being at positions from {@code first}: one prepared statement, executed in batches, on
   * the connection and in the transaction of the append. An {@link EventLog.WithinAppend}.
   *
   * @throws SQLException if an insert fails; the append then stores nothing
   */
  void recordPending(Connection connection, List<NewEvent> batch, long first) throws SQLException {
    if (batch.stream().allMatch(event -> event.deliveries().isEmpty())) {
      return;
    }
    try (BatchedStatement insert = new BatchedStatement(connection, INSERT)) {
      long position = first;
      for (NewEvent event : batch) {
        List<String> subscriptions = event.deliveries();
        if (subscriptions.size() > 1) {
          subscriptions = List.copyOf(new LinkedHashSet<>(subscriptions));
        }
        for (String subscription : subscriptions) {
          insert.statement().setString(1, subscription);
          insert.statement().setLong(2, position);
          insert.statement().setString(3, lease == null ? null : lease.instanceId());
          insert.add();
        }
        position++;
      }
      insert.flush();
    }
  }

  /**
   * A lazy stream of the pending deliveries of {@code subscription} in position order, leaving out
   * those of quarantined events, paged like the event log's reads.
   */
  Stream<PendingDelivery> pending(String subscription) {
    int pageSize = database.pageSize();
    if (lease != null) {
      return PositionPages.stream(from -> claim(subscription, from, pageSize, true), 1, pageSize);
    }
    return PositionPages.stream(from -> fetchPending(subscription, from, pageSize), 1, pageSize);
  }

  /**
   * Claims up to {@code limit} pending deliveries of {@code subscription} held by no live instance
   * other than this one's, in position order; empty on a store without leases.
   */
  List<PendingDelivery> takeOver(String subscription, int limit) {
    if (lease == null) {
      return List.of();
    }
    lifecycle.ensureOpen();
    return claim(subscription, 1, limit, false).items();
  }

  /**
   * One claimed page of a subscription's deliveries from position {@code from} on, in position
   * order, this instance's own included when {@code includeOwn}.
   */
  private Chunk<PendingDelivery> claim(
      String subscription, long from, int limit, boolean includeOwn) {
    lifecycle.ensureOpen();
    InstanceLease owner = Objects.requireNonNull(lease);
    long[] positions = new long[Math.min(limit, 1024)];
    int count = 0;
    try (Connection connection = database.connection();
        PreparedStatement claim = connection.prepareStatement(claimPending(includeOwn))) {
      claim.setString(1, owner.instanceId());
      claim.setString(2, subscription);
      claim.setLong(3, from);
      claim.setLong(4, from);
      claim.setString(5, owner.instanceId());
      claim.setInt(6, limit);
      try (ResultSet rows = claim.executeQuery()) {
        while (rows.next()) {
          if (count == positions.length) {
            positions = Arrays.copyOf(positions, positions.length * 2);
          }
          positions[count++] = rows.getLong(1);
        }
      }
    } catch (SQLException e) {
      throw new EventStoreException(
          "claim of pending deliveries of "
              + subscription
              + " from position "
              + from
              + " for instance '"
              + owner.instanceId()
              + "' failed: "
              + database.explain(e),
          e);
    }
    Arrays.sort(positions, 0, count);
    List<PendingDelivery> deliveries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      deliveries.add(new PendingDelivery(positions[i], subscription));
    }
    return new Chunk<>(deliveries, count, count == 0 ? 0 : positions[count - 1]);
  }

  /**
   * Records {@code completions} in one transaction, in key order: on SQLite by batched single-row
   * updates, on PostgreSQL by set-based updates of up to {@value #COMPLETE_CHUNK} deliveries each.
   * An empty list does nothing.
   *
   * @throws EventStoreException if a completion time is beyond the range of epoch microseconds
   *     (nothing was written) or the completions could not be recorded (none of them was)
   */
  void complete(List<DeliveryCompletion> completions) {
    if (completions.isEmpty()) {
      return;
    }
    // Rows updated in key order, so that two transactions completing the same deliveries cannot
    // deadlock.
    List<DeliveryCompletion> sorted = new ArrayList<>(completions);
    sorted.sort(KEY_ORDER);
    long[] micros = completionMicros(sorted);
    try (Connection connection = database.connection()) {
      Transactions.inTransaction(
          connection,
          dialect,
          () -> {
            if (dialect == JdbcDialect.POSTGRESQL) {
              completeInSets(connection, sorted, micros);
            } else {
              completeInBatches(connection, sorted, micros);
            }
            return null;
          });
    } catch (SQLException e) {
      throw database.failure("completeDeliveries of " + sorted.size() + " completions", e);
    }
  }

  /**
   * Deletes the deliveries completed before {@code completedBefore}, compared to the microsecond.
   *
   * @return how many were deleted
   */
  long prune(Instant completedBefore) {
    long before = pruneBound(completedBefore);
    try (Connection connection = database.connection();
        PreparedStatement delete = connection.prepareStatement(prune)) {
      delete.setLong(1, before);
      return delete.executeUpdate();
    } catch (SQLException e) {
      throw database.failure("pruneCompletedDeliveries(" + completedBefore + ")", e);
    }
  }

  /**
   * {@code completedBefore} in epoch microseconds; an instant beyond their range lies before
   * everything stored ({@link Long#MIN_VALUE}) or after it ({@link Long#MAX_VALUE}).
   */
  static long pruneBound(Instant completedBefore) {
    try {
      return Times.toMicros(completedBefore);
    } catch (ArithmeticException e) {
      return completedBefore.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /**
   * The completion times of {@code sorted} in epoch microseconds, in its order.
   *
   * @throws EventStoreException if one is beyond their range, naming its delivery
   */
  static long[] completionMicros(List<DeliveryCompletion> sorted) {
    long[] micros = new long[sorted.size()];
    for (int i = 0; i < micros.length; i++) {
      DeliveryCompletion completion = sorted.get(i);
      micros[i] =
          Times.toMicros(
              completion.completedAt(),
              () ->
                  "completeDeliveries failed: completion of position "
                      + completion.position()
                      + " for "
                      + completion.subscriptionName()
                      + " has a time out of range: "
                      + completion.completedAt());
    }
    return micros;
  }

  /**
   * The indexes in {@code sorted} (in {@link #KEY_ORDER}) of the first completion of each delivery:
   * a set-based update changes a row at most once, with any of its matches, so only the first is
   * sent; the later ones would not have changed it.
   */
  static int[] firstCompletions(List<DeliveryCompletion> sorted) {
    int[] firsts = new int[sorted.size()];
    int count = 0;
    for (int i = 0; i < sorted.size(); i++) {
      if (i == 0 || !sameDelivery(sorted.get(i - 1), sorted.get(i))) {
        firsts[count++] = i;
      }
    }
    return Arrays.copyOf(firsts, count);
  }

  /** One page of a subscription's pending deliveries from position {@code from} on. */
  private Chunk<PendingDelivery> fetchPending(String subscription, long from, int limit) {
    lifecycle.ensureOpen();
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
          "pendingDeliveries("
              + subscription
              + ") failed reading from position "
              + from
              + ": "
              + database.explain(e),
          e);
    }
    return new Chunk<>(deliveries, deliveries.size(), last);
  }

  /**
   * Completes {@code sorted} deliveries (in key order, times in {@code micros}) with one batched
   * update statement per delivery: SQLite runs each in microseconds, in process.
   */
  private static void completeInBatches(
      Connection connection, List<DeliveryCompletion> sorted, long[] micros) throws SQLException {
    try (BatchedStatement update = new BatchedStatement(connection, COMPLETE)) {
      for (int i = 0; i < micros.length; i++) {
        DeliveryCompletion completion = sorted.get(i);
        update.statement().setString(1, completion.outcome().name());
        update.statement().setLong(2, micros[i]);
        update.statement().setString(3, completion.subscriptionName());
        update.statement().setLong(4, completion.position());
        update.add();
      }
      update.flush();
    }
  }

  /**
   * Completes {@code sorted} deliveries (in key order, times in {@code micros}) with one set-based
   * update per {@link #COMPLETE_CHUNK}: on PostgreSQL a statement per delivery costs a round of
   * parse, plan and execute on the server each, which made completions the slowest part of
   * recovery. Of several completions of one delivery only the first is sent ({@link
   * #firstCompletions}).
   */
  private static void completeInSets(
      Connection connection, List<DeliveryCompletion> sorted, long[] micros) throws SQLException {
    int[] firsts = firstCompletions(sorted);
    int count = firsts.length;
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
}
