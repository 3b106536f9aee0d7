package dev.eventbus.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * Helpers for the write transactions of the stores, so that each begins, commits and rolls back the
 * same way on both dialects: a failure is what the caller sees, never the rollback's. Stateless;
 * the connection of a transaction is the calling thread's until it ends.
 */
final class Transactions {

  /** The statements of one transaction. */
  @FunctionalInterface
  interface Work<T extends @Nullable Object> {

    /** Runs the statements on the transaction's connection and gives what they produced. */
    T run() throws SQLException;
  }

  private Transactions() {}

  /**
   * Runs {@code work} in one write transaction on {@code connection}, in auto-commit mode: begins,
   * runs, commits. If the work or the commit fails, the transaction is rolled back and the failure
   * rethrown as it was ({@link #rollbackAfter}).
   *
   * @throws SQLException if the transaction cannot begin, or as the work or the commit throws it
   */
  static <T extends @Nullable Object> T inTransaction(
      Connection connection, JdbcDialect dialect, Work<T> work) throws SQLException {
    dialect.begin(connection);
    try {
      T result = work.run();
      dialect.commit(connection);
      return result;
    } catch (SQLException | RuntimeException e) {
      rollbackAfter(connection, dialect, e);
      throw e;
    }
  }

  /**
   * Rolls back after {@code failure}; a failing rollback is attached to it as suppressed, so the
   * original cause is what the caller sees.
   */
  static void rollbackAfter(Connection connection, JdbcDialect dialect, Throwable failure) {
    try {
      dialect.rollback(connection);
    } catch (SQLException | RuntimeException rollbackFailure) {
      failure.addSuppressed(rollbackFailure);
    }
  }
}
