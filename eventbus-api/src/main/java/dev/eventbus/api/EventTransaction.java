package dev.eventbus.api;

import java.sql.Connection;

/**
 * The caller's database transaction that a durable bus {@linkplain UnifiedEventBus#publish(Object,
 * EventTransaction) publishes in}: the connection the transaction runs on, and a way to act once it
 * has committed. {@code dev.eventbus.durable.JdbcTransaction} is the one for plain JDBC; a
 * framework's (Spring's) joins the transaction the framework manages.
 *
 * @since 0.1
 */
public interface EventTransaction {

  /** {@return the connection the transaction runs on, with auto-commit off} */
  Connection connection();

  /**
   * Runs {@code action} once the transaction has committed, after the actions registered before it;
   * never if it rolls back.
   *
   * @param action what to run after the commit
   * @throws IllegalStateException if the transaction has already ended
   */
  void afterCommit(Runnable action);
}
