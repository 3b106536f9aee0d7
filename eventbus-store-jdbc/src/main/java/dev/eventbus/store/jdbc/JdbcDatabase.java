package dev.eventbus.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.eventbus.api.spi.EventStoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * One database the JDBC stores run on: a connection source, its dialect and a schema brought up to
 * date when the database is opened. Any number of {@link JdbcEventStore}s and {@link
 * JdbcSnapshotStore}s may share one; closing them leaves the database open, closing the database
 * closes them all.
 *
 * <p>{@link #open(JdbcStoreConfig)} creates a HikariCP pool, which {@link #close()} closes. {@link
 * #of(DataSource, JdbcDialect)} uses a data source the caller owns and never closes it.
 *
 * <p>On SQLite the pool's connections run with {@code journal_mode=WAL}, {@code synchronous=FULL},
 * {@code foreign_keys=ON} and the configured {@code busy_timeout}. A data source given to {@link
 * #of(DataSource, JdbcDialect)} is switched to WAL (a setting kept in the file) but must set the
 * per-connection pragmas itself, for example with sqlite-jdbc's {@code SQLiteConfig}.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class JdbcDatabase implements AutoCloseable {

  private final DataSource dataSource;
  private final @Nullable HikariDataSource ownedPool;
  private final JdbcDialect dialect;
  private final int pageSize;
  private final InstanceLease.Terms lease;
  private @Nullable InstanceLease instanceLease; // guarded by this
  private final @Nullable SqliteProcessLock processLock;
  private final @Nullable Path sqliteFile;
  private final int schemaVersion;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Prepares the database and migrates the schema; closes {@code ownedPool} if that fails.
   *
   * @param sqliteFile the SQLite file, when known before connecting; else asked of SQLite
   * @param description what the database is called in messages, when no file names it
   */
  private JdbcDatabase(
      DataSource dataSource,
      @Nullable HikariDataSource ownedPool,
      JdbcDialect dialect,
      int pageSize,
      InstanceLease.Terms lease,
      boolean verify,
      @Nullable Path sqliteFile,
      String description) {
    this.dataSource = dataSource;
    this.ownedPool = ownedPool;
    this.dialect = dialect;
    this.pageSize = pageSize;
    this.lease = lease;
    try (Connection connection = dataSource.getConnection()) {
      this.sqliteFile =
          dialect == JdbcDialect.SQLITE && sqliteFile == null
              ? sqliteFileOf(connection)
              : sqliteFile;
      this.schemaVersion = prepare(connection, verify, describe(this.sqliteFile, description));
      // After the checks, which name what is wrong with a file this process cannot use at all.
      this.processLock =
          this.sqliteFile == null ? null : SqliteProcessLock.acquire(this.sqliteFile);
    } catch (SQLException | RuntimeException e) {
      if (ownedPool != null) {
        ownedPool.close();
      }
      if (e instanceof EventStoreException failure) {
        throw failure;
      }
      // Before SQLite could say which file it is on: the connection or the question failed.
      throw openFailure(describe(sqliteFile, description), sqliteFile, "cannot connect", e);
    }
  }

  /**
   * Opens the database {@code config} describes with a pool of its own and migrates the schema. A
   * SQLite database is checked first: its directory is created if missing, and a file that cannot
   * be created, is read-only, is not a SQLite database or is corrupted (unless {@link
   * JdbcStoreConfig#verifyOnOpen()} is off) fails here, naming the file and what is wrong, and so
   * does one another process has open: SQLite is the single-process store (share one between
   * processes on PostgreSQL).
   *
   * @param config the database, pool and store settings
   * @return the open database, owning its pool
   * @throws EventStoreException if the database cannot be reached, used or migrated
   */
  public static JdbcDatabase open(JdbcStoreConfig config) {
    Objects.requireNonNull(config, "config");
    Path file = config.dialect() == JdbcDialect.SQLITE ? config.file() : null;
    String description = describe(file, config.toString());
    if (file != null) {
      createParentDirectories(file, description);
    }
    HikariDataSource pool = createPool(config, file, description);
    return new JdbcDatabase(
        pool,
        pool,
        config.dialect(),
        config.pageSize(),
        config.lease(),
        config.verifyOnOpen(),
        file,
        config.toString());
  }

  /**
   * Opens SQLite on {@code file} with the defaults of {@link JdbcStoreConfig#sqlite(Path)}.
   *
   * @param file the SQLite database file, created with its parent directories if missing
   * @return the open database, owning its pool
   */
  public static JdbcDatabase sqlite(Path file) {
    return open(JdbcStoreConfig.sqlite(file));
  }

  /**
   * Opens PostgreSQL with the defaults of {@link JdbcStoreConfig#postgres}.
   *
   * @param jdbcUrl a PostgreSQL JDBC URL
   * @param user the user name to connect as
   * @param password the password to connect with
   * @return the open database, owning its pool
   */
  public static JdbcDatabase postgres(String jdbcUrl, String user, String password) {
    return open(JdbcStoreConfig.postgres(jdbcUrl, user, password));
  }

  /**
   * Uses {@code dataSource}, which the caller keeps owning: {@link #close()} does not close it.
   * Checks a SQLite database as {@link #open(JdbcStoreConfig)} does (the file is the one SQLite
   * reports) and migrates the schema.
   *
   * @param dataSource where connections come from; not closed by this database
   * @param dialect the kind of database {@code dataSource} connects to
   * @return the database, migrated
   * @throws EventStoreException if the database cannot be reached, used or migrated
   */
  public static JdbcDatabase of(DataSource dataSource, JdbcDialect dialect) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(dialect, "dialect");
    return new JdbcDatabase(
        dataSource,
        null,
        dialect,
        JdbcStoreConfig.DEFAULT_PAGE_SIZE,
        new InstanceLease.Terms(
            InstanceLease.Terms.generatedId(), JdbcStoreConfig.DEFAULT_LEASE_DURATION),
        true,
        null,
        dialect + " data source " + dataSource);
  }

  /** {@return the database kind} */
  public JdbcDialect dialect() {
    return dialect;
  }

  /** {@return the schema version this database was migrated to when it opened} */
  public int schemaVersion() {
    return schemaVersion;
  }

  /**
   * An event store on this database, a {@link dev.eventbus.api.spi.DurableEventStore} that tracks
   * deliveries. Closing it leaves the database open.
   *
   * @return a new event store that shares this database's pool
   * @throws IllegalStateException if the database is closed
   */
  public JdbcEventStore eventStore() {
    ensureOpen();
    return new JdbcEventStore(this, false);
  }

  /**
   * A log of the events idempotent handlers have processed, on this database. Closing it leaves the
   * database open.
   *
   * @return a new processed-event log that shares this database's pool
   * @throws IllegalStateException if the database is closed
   */
  public JdbcProcessedEventLog processedEventLog() {
    ensureOpen();
    return new JdbcProcessedEventLog(this);
  }

  /**
   * A snapshot store on this database. Closing it leaves the database open.
   *
   * @return a new snapshot store that shares this database's pool
   * @throws IllegalStateException if the database is closed
   */
  public JdbcSnapshotStore snapshotStore() {
    ensureOpen();
    return new JdbcSnapshotStore(this, false);
  }

  /**
   * Closes the pool this database created, if it did, waiting for connections in use to come back.
   * On PostgreSQL it first gives up this instance's lease, so that other instances can take over at
   * once the deliveries its event stores leave pending. Stores on this database refuse every call
   * from now on. Closing again does nothing.
   */
  @Override
  public void close() {
    if (closed.get()) {
      return;
    }
    InstanceLease held;
    synchronized (this) {
      held = instanceLease;
    }
    if (held != null) {
      try {
        held.release();
      } catch (RuntimeException e) {
        // The lease runs out by itself: the deliveries are taken over a lease duration later.
      }
    }
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (ownedPool != null) {
      ownedPool.close();
    }
    if (processLock != null) {
      processLock.release();
    }
  }

  boolean isClosed() {
    return closed.get();
  }

  int pageSize() {
    return pageSize;
  }

  /**
   * The lease of this process's instance, shared by the event stores on this database: registered
   * by the first call, given up when the database closes.
   *
   * @throws EventStoreException if it could not be registered
   */
  synchronized InstanceLease instanceLease() {
    InstanceLease held = instanceLease;
    if (held == null) {
      held = new InstanceLease(this, lease);
      instanceLease = held;
    }
    return held;
  }

  /** A connection in auto-commit mode; the caller closes it. */
  Connection connection() throws SQLException {
    ensureOpen();
    return dataSource.getConnection();
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("the JDBC database is closed");
    }
  }

  /**
   * The exception of a statement of {@code operation} that failed: the message is {@code operation
   * + " failed: "} and {@link #explain what went wrong}.
   */
  EventStoreException failure(String operation, SQLException e) {
    return new EventStoreException(operation + " failed: " + explain(e), e);
  }

  /**
   * What went wrong in a failed statement: its message, or for a SQLite file that cannot be used
   * (read-only, corrupted, gone) the file and what is wrong with it, then the message.
   */
  String explain(SQLException e) {
    Path file = sqliteFile;
    String problem = file == null ? null : SqliteFiles.problem(file, e);
    return problem == null
        ? String.valueOf(e.getMessage())
        : "the SQLite database " + file + " " + problem + " (" + e.getMessage() + ")";
  }

  /**
   * Switches SQLite to WAL, checks that the file is intact (if {@code verify}) and writable, then
   * migrates the schema.
   */
  private int prepare(Connection connection, boolean verify, String description) {
    if (dialect == JdbcDialect.SQLITE) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA journal_mode=WAL");
        if (verify) {
          quickCheck(statement, description);
        }
        requireWritable(connection, statement);
      } catch (SQLException e) {
        throw openFailure(description, sqliteFile, "checking the SQLite file", e);
      }
    }
    try {
      return Migrations.migrate(connection, dialect);
    } catch (SQLException e) {
      throw openFailure(description, sqliteFile, "schema migration", e);
    }
  }

  /**
   * Reads the whole SQLite file through ({@code PRAGMA quick_check}): the b-trees, their pages and
   * records, without cross-checking indexes against tables.
   */
  private void quickCheck(Statement statement, String description) throws SQLException {
    List<String> errors = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery("PRAGMA quick_check(5)")) {
      while (rows.next()) {
        errors.add(rows.getString(1));
      }
    }
    if (!errors.equals(List.of("ok"))) {
      throw new EventStoreException(
          "open of "
              + description
              + " failed: it "
              + SqliteFiles.NOT_A_DATABASE
              + " (PRAGMA quick_check: "
              + String.join("; ", errors)
              + ")",
          null);
    }
  }

  /**
   * Fails if SQLite opened the file read-only, which it does without a word for a file this process
   * may not write: creates a table in a transaction it rolls back, so nothing reaches the file.
   */
  private void requireWritable(Connection connection, Statement statement) throws SQLException {
    dialect.begin(connection);
    try {
      statement.execute("CREATE TABLE eventbus_write_check (checked INTEGER)");
    } catch (SQLException | RuntimeException e) {
      Transactions.rollbackAfter(connection, dialect, e);
      throw e;
    }
    dialect.rollback(connection);
  }

  /** The file of SQLite's main database on {@code connection}, or null if it has none. */
  private static @Nullable Path sqliteFileOf(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA database_list")) {
      while (rows.next()) {
        String file = rows.getString(3);
        if ("main".equals(rows.getString(2)) && file != null && !file.isEmpty()) {
          return Path.of(file);
        }
      }
    }
    return null;
  }

  /** How messages name the database: its SQLite file, else {@code description}. */
  private static String describe(@Nullable Path sqliteFile, String description) {
    return sqliteFile == null ? description : "SQLite database " + sqliteFile;
  }

  /**
   * The exception of an open that failed at {@code step}: what is wrong with the SQLite file, if
   * that is what failed, else the step and the failure's message.
   */
  private static EventStoreException openFailure(
      String description, @Nullable Path sqliteFile, String step, Exception e) {
    String problem = sqliteFile == null ? null : SqliteFiles.problem(sqliteFile, e);
    return new EventStoreException(
        "open of "
            + description
            + " failed: "
            + (problem == null
                ? step + ": " + e.getMessage()
                : "it " + problem + " (" + SqliteFiles.sqliteMessage(e) + ")"),
        e);
  }

  private static HikariDataSource createPool(
      JdbcStoreConfig config, @Nullable Path sqliteFile, String description) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("eventbus-store-" + config.dialect().name().toLowerCase(Locale.ROOT));
    hikari.setJdbcUrl(config.jdbcUrl());
    if (config.user() != null) {
      hikari.setUsername(config.user());
    }
    if (config.password() != null) {
      hikari.setPassword(config.password());
    }
    hikari.setMaximumPoolSize(config.maximumPoolSize());
    hikari.setMinimumIdle(1);
    hikari.setConnectionTimeout(config.connectionTimeout().toMillis());
    hikari.setAutoCommit(true);
    switch (config.dialect()) {
      case SQLITE -> {
        // sqlite-jdbc applies these as pragmas on every new connection.
        hikari.addDataSourceProperty("journal_mode", "WAL");
        hikari.addDataSourceProperty("synchronous", "FULL");
        hikari.addDataSourceProperty("foreign_keys", "true");
        hikari.addDataSourceProperty(
            "busy_timeout", String.valueOf(config.busyTimeout().toMillis()));
      }
      case POSTGRESQL -> hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    try {
      return new HikariDataSource(hikari);
    } catch (RuntimeException e) {
      throw openFailure(description, sqliteFile, "cannot connect", e);
    }
  }

  private static void createParentDirectories(Path file, String description) {
    Path parent = file.getParent();
    if (parent == null) {
      return;
    }
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new EventStoreException(
          "open of "
              + description
              + " failed: cannot create directory "
              + parent
              + ": "
              + SqliteFiles.whyNoDirectory(parent, e),
          e);
    }
  }
}
