package dev.eventbus.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A prepared statement run in JDBC batches of {@value #SIZE} rows, so that appending 10,000 events
 * or completing 10,000 deliveries is a few round trips, and SQLite's limit on parameters per
 * statement never applies. The caller binds the parameters of a row on {@link #statement()}, calls
 * {@link #add()}, and calls {@link #flush()} after the last row; closing does not flush, so a write
 * that failed half-way sends nothing more.
 *
 * <p>Not thread-safe: one per statement, inside one transaction on one connection. Every method may
 * throw the driver's {@link SQLException}.
 */
final class BatchedStatement implements AutoCloseable {

  /** Rows per JDBC batch. */
  static final int SIZE = 500;

  private final PreparedStatement statement;
  private int pending;

  BatchedStatement(Connection connection, String sql) throws SQLException {
    this.statement = connection.prepareStatement(sql);
  }

  /** The statement, to bind the parameters of the next row on. */
  PreparedStatement statement() {
    return statement;
  }

  /** Adds the row bound on {@link #statement()}, and sends the batch once it is full. */
  void add() throws SQLException {
    statement.addBatch();
    if (++pending == SIZE) {
      statement.executeBatch();
      pending = 0;
    }
  }

  /** Sends the rows added since the last batch went out, if any. */
  void flush() throws SQLException {
    if (pending > 0) {
      statement.executeBatch();
      pending = 0;
    }
  }

  @Override
  public void close() throws SQLException {
    statement.close();
  }
}
