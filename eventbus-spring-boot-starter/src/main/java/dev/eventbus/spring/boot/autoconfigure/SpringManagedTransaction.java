package dev.eventbus.spring.boot.autoconfigure;

import dev.eventbus.api.EventTransaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The transaction Spring manages on this thread, as the bus sees it: the connection is the one
 * Spring bound to the thread for {@code dataSource} ({@link DataSourceUtils#getConnection}), and
 * after-commit actions are transaction synchronizations whose {@code afterCommit} runs them, so
 * they run once the transaction has committed, in the order they were registered, and never after a
 * rollback. One per publish, on the publishing thread; {@link #release()} gives the connection back
 * as {@code JdbcTemplate} does.
 */
final class SpringManagedTransaction implements EventTransaction {

  private final DataSource dataSource;
  private @Nullable Connection connection;

  private SpringManagedTransaction(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * The transaction active on this thread.
   *
   * @throws IllegalStateException if no Spring-managed transaction is active
   */
  static SpringManagedTransaction current(DataSource dataSource) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()
        || !TransactionSynchronizationManager.isSynchronizationActive()) {
      throw new IllegalStateException(
          "no Spring-managed transaction is active: TransactionalEventPublisher.publish joins the"
              + " current transaction, so call it inside a @Transactional method or"
              + " TransactionTemplate.execute(...); to publish outside a transaction, use"
              + " UnifiedEventBus.publish(event)");
    }
    return new SpringManagedTransaction(dataSource);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException if the active transaction does not manage {@code dataSource}: the
   *     connection Spring gives for it is in auto-commit mode
   */
  @Override
  public Connection connection() {
    Connection held = connection;
    if (held != null) {
      return held;
    }
    Connection joined = DataSourceUtils.getConnection(dataSource);
    boolean autoCommit;
    try {
      autoCommit = joined.getAutoCommit();
    } catch (SQLException e) {
      DataSourceUtils.releaseConnection(joined, dataSource);
      throw new IllegalStateException(
          "cannot tell whether the Spring-managed transaction runs on " + dataSource, e);
    }
    if (autoCommit) {
      DataSourceUtils.releaseConnection(joined, dataSource);
      throw new IllegalStateException(
          "the active Spring-managed transaction does not run on the DataSource "
              + dataSource
              + " (its connection is in auto-commit mode): manage the transaction with a"
              + " DataSourceTransactionManager (or JdbcTransactionManager, JpaTransactionManager)"
              + " over the DataSource the event store uses");
    }
    connection = joined;
    return joined;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException if the transaction has already ended
   */
  @Override
  public void afterCommit(Runnable action) {
    Objects.requireNonNull(action, "action");
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      throw new IllegalStateException(
          "afterCommit outside a Spring-managed transaction: it has already ended");
    }
    TransactionSynchronizationManager.registerSynchronization(new AfterCommit(action));
  }

  /** Gives back the connection {@link #connection()} took, if it took one. */
  void release() {
    Connection held = connection;
    if (held != null) {
      connection = null;
      DataSourceUtils.releaseConnection(held, dataSource);
    }
  }

  /** Runs one action after the commit; nothing on a rollback. */
  private record AfterCommit(Runnable action) implements TransactionSynchronization {
    @Override
    public void afterCommit() {
      action.run();
    }
  }
}
