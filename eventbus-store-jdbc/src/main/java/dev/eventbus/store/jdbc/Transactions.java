package dev.eventbus.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** Helpers for the write transactions of the stores. */
final class Transactions {

  private Transactions() {}

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
