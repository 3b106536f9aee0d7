package dev.eventbus.durable;

import dev.eventbus.api.EventTransaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A plain JDBC transaction to publish events in (the transactional outbox without a framework):
 * business writes and {@code bus.publish(event, transaction)} share one connection, {@link
 * #commit()} commits them together and then runs the deliveries that wait for the commit, and a
 * transaction closed without a commit rolls back and delivers nothing.
 *
 * <pre>{@code
 * try (JdbcTransaction tx = JdbcTransaction.begin(dataSource)) {
 *   try (PreparedStatement insert = tx.connection().prepareStatement("INSERT INTO orders ...")) {
 *     insert.executeUpdate();
 *   }
 *   bus.publish(new OrderPlaced(orderId), tx);
 *   tx.commit();
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one transaction, one thread, as a JDBC connection.
 *
 * @since 0.1
 */
public final class JdbcTransaction implements EventTransaction, AutoCloseable {

  private enum State {
    OPEN,
    COMMITTED,
    ROLLED_BACK
  }

  private final Connection connection;
  private final boolean ownsConnection;
  private final boolean autoCommitBefore;
  private final List<Runnable> afterCommit = new ArrayList<>();
  private State state = State.OPEN;

  private JdbcTransaction(Connection connection, boolean ownsConnection) throws SQLException {
    this.connection = connection;
    this.ownsConnection = ownsConnection;
    this.autoCommitBefore = connection.getAutoCommit();
    if (autoCommitBefore) {
      connection.setAutoCommit(false);
    }
  }

  /**
   * Takes a connection from {@code dataSource} and begins a transaction on it; {@link #close()}
   * gives the connection back.
   *
   * @param dataSource where the connection comes from
   * @return the open transaction, owning its connection
   * @throws SQLException if no connection could be had or its auto-commit turned off
   */
  public static JdbcTransaction begin(DataSource dataSource) throws SQLException {
    Objects.requireNonNull(dataSource, "dataSource");
    Connection connection = dataSource.getConnection();
    try {
      return new JdbcTransaction(connection, true);
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /**
   * Runs a transaction on {@code connection}, which the caller keeps owning: auto-commit is turned
   * off now (if it was on) and back on when this transaction ends; {@link #close()} leaves the
   * connection open.
   *
   * @param connection the caller's connection, which stays open
   * @return the open transaction, which does not own the connection
   * @throws SQLException if auto-commit could not be turned off
   */
  public static JdbcTransaction on(Connection connection) throws SQLException {
    return new JdbcTransaction(Objects.requireNonNull(connection, "connection"), false);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException if the transaction has ended: work done on the connection then is
   *     no longer part of it
   */
  @Override
  public Connection connection() {
    ensureOpen("connection");
    return connection;
  }

  /**
   * @throws IllegalStateException if the transaction has ended
   */
  @Override
  public void afterCommit(Runnable action) {
    Objects.requireNonNull(action, "action");
    ensureOpen("afterCommit");
    afterCommit.add(action);
  }

  /**
   * Commits, then runs the after-commit actions (the deliveries that wait for the commit) on this
   * thread, in the order they were registered. An action that throws does not stop the others; what
   * the first threw is rethrown after all ran, with the later ones suppressed: the commit has
   * happened all the same, and a delivery that could not be dispatched stays pending in the store,
   * to be made after the next start.
   *
   * @throws IllegalStateException if the transaction has ended
   * @throws SQLException if the commit failed: nothing is delivered; roll back or close
   */
  public void commit() throws SQLException {
    ensureOpen("commit");
    connection.commit();
    state = State.COMMITTED;
    restoreAutoCommit();
    RuntimeException failure = null;
    for (Runnable action : afterCommit) {
      try {
        action.run();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    afterCommit.clear();
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Rolls back: the transaction's writes and events are gone, and nothing waits for a commit any
   * more. Does nothing once the transaction has ended.
   *
   * @throws SQLException if the rollback failed
   */
  public void rollback() throws SQLException {
    if (state != State.OPEN) {
      return;
    }
    state = State.ROLLED_BACK;
    afterCommit.clear();
    try {
      connection.rollback();
    } finally {
      restoreAutoCommit();
    }
  }

  /**
   * Rolls back unless committed, then gives the connection back if {@link #begin(DataSource)} took
   * it.
   *
   * @throws SQLException if the rollback or the close failed
   */
  @Override
  public void close() throws SQLException {
    try {
      rollback();
    } finally {
      if (ownsConnection) {
        connection.close();
      }
    }
  }

  private void ensureOpen(String operation) {
    if (state != State.OPEN) {
      throw new IllegalStateException(
          operation
              + (operation.equals("connection") ? " of" : " on")
              + " a transaction that has "
              + (state == State.COMMITTED ? "committed" : "rolled back"));
    }
  }

  private void restoreAutoCommit() throws SQLException {
    if (autoCommitBefore) {
      connection.setAutoCommit(true);
    }
  }
}
