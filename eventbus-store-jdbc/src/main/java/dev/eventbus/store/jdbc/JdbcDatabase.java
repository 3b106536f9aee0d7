package dev.eventbus.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.eventbus.api.spi.EventStoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
  private final int schemaVersion;
  private final AtomicBoolean closed = new AtomicBoolean();

  private JdbcDatabase(
      DataSource dataSource,
      @Nullable HikariDataSource ownedPool,
      JdbcDialect dialect,
      int pageSize,
      String description) {
    this.dataSource = dataSource;
    this.ownedPool = ownedPool;
    this.dialect = dialect;
    this.pageSize = pageSize;
    try {
      this.schemaVersion = prepare(description);
    } catch (RuntimeException e) {
      if (ownedPool != null) {
        ownedPool.close();
      }
      throw e;
    }
  }

  /**
   * Opens the database {@code config} describes with a pool of its own and migrates the schema.
   *
   * @throws EventStoreException if the database cannot be reached or migrated
   */
  public static JdbcDatabase open(JdbcStoreConfig config) {
    Objects.requireNonNull(config, "config");
    HikariDataSource pool = createPool(config);
    return new JdbcDatabase(pool, pool, config.dialect(), config.pageSize(), config.toString());
  }

  /** Opens SQLite on {@code file} with the defaults of {@link JdbcStoreConfig#sqlite(Path)}. */
  public static JdbcDatabase sqlite(Path file) {
    return open(JdbcStoreConfig.sqlite(file));
  }

  /** Opens PostgreSQL with the defaults of {@link JdbcStoreConfig#postgres}. */
  public static JdbcDatabase postgres(String jdbcUrl, String user, String password) {
    return open(JdbcStoreConfig.postgres(jdbcUrl, user, password));
  }

  /**
   * Uses {@code dataSource}, which the caller keeps owning: {@link #close()} does not close it.
   * Migrates the schema.
   *
   * @throws EventStoreException if the database cannot be reached or migrated
   */
  public static JdbcDatabase of(DataSource dataSource, JdbcDialect dialect) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(dialect, "dialect");
    return new JdbcDatabase(
        dataSource,
        null,
        dialect,
        JdbcStoreConfig.DEFAULT_PAGE_SIZE,
        dialect + " data source " + dataSource);
  }

  /** The database kind. */
  public JdbcDialect dialect() {
    return dialect;
  }

  /** The schema version this database was migrated to when it opened. */
  public int schemaVersion() {
    return schemaVersion;
  }

  /**
   * An event store on this database, a {@link dev.eventbus.api.spi.DurableEventStore} that tracks
   * deliveries. Closing it leaves the database open.
   *
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
   * @throws IllegalStateException if the database is closed
   */
  public JdbcProcessedEventLog processedEventLog() {
    ensureOpen();
    return new JdbcProcessedEventLog(this);
  }

  /**
   * A snapshot store on this database. Closing it leaves the database open.
   *
   * @throws IllegalStateException if the database is closed
   */
  public JdbcSnapshotStore snapshotStore() {
    ensureOpen();
    return new JdbcSnapshotStore(this, false);
  }

  /**
   * Closes the pool this database created, if it did, waiting for connections in use to come back.
   * Stores on this database refuse every call from now on. Closing again does nothing.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && ownedPool != null) {
      ownedPool.close();
    }
  }

  boolean isClosed() {
    return closed.get();
  }

  int pageSize() {
    return pageSize;
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

  private int prepare(String description) {
    try (Connection connection = dataSource.getConnection()) {
      if (dialect == JdbcDialect.SQLITE) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("PRAGMA journal_mode=WAL");
        }
      }
      return Migrations.migrate(connection, dialect);
    } catch (SQLException e) {
      throw new EventStoreException(
          "open of " + description + " failed: schema migration: " + e.getMessage(), e);
    }
  }

  private static HikariDataSource createPool(JdbcStoreConfig config) {
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
        Path file = config.file();
        if (file != null) {
          createParentDirectories(file);
        }
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
      throw new EventStoreException(
          "open of " + config + " failed: cannot connect: " + e.getMessage(), e);
    }
  }

  private static void createParentDirectories(Path file) {
    Path parent = file.getParent();
    if (parent == null) {
      return;
    }
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new EventStoreException("open failed: cannot create directory " + parent, e);
    }
  }
}
