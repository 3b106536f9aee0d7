package dev.eventbus.store.jdbc;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether a store on a {@link JdbcDatabase} is still open, and whether closing it closes the
 * database: every store of this package refuses calls once it or its database is closed, and only a
 * store that opened its own database (with {@code open(config)}) closes it. The event store's
 * collaborators check it again before each page a stream fetches, so a stream of a closed store
 * fails instead of borrowing a connection.
 *
 * <p>Thread-safe: the flag is atomic, so of several threads closing at once one closes the
 * database.
 */
final class StoreLifecycle {

  private final JdbcDatabase database;
  private final boolean ownsDatabase;
  private final String closedMessage;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * @param database the database the store runs on
   * @param ownsDatabase whether {@link #close()} closes {@code database}
   * @param storeName what the store is called in the message of a refused call, as "the JDBC event
   *     store"
   */
  StoreLifecycle(JdbcDatabase database, boolean ownsDatabase, String storeName) {
    this.database = database;
    this.ownsDatabase = ownsDatabase;
    this.closedMessage = storeName + " is closed";
  }

  /** {@code true} once the store or its database was closed. */
  boolean isClosed() {
    return closed.get() || database.isClosed();
  }

  /**
   * Refuses a call on a closed store.
   *
   * @throws IllegalStateException if the store or its database is closed
   */
  void ensureOpen() {
    if (isClosed()) {
      throw new IllegalStateException(closedMessage);
    }
  }

  /**
   * Marks the store closed and, if it owns its database, closes the database. Closing again does
   * nothing.
   */
  void close() {
    if (closed.compareAndSet(false, true) && ownsDatabase) {
      database.close();
    }
  }

  /** The store's {@code toString}: its type name, the dialect and whether it is closed. */
  String describe(String typeName) {
    return typeName + "[" + database.dialect() + (isClosed() ? ", closed]" : "]");
  }
}
