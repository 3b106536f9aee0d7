package dev.eventbus.store.jdbc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to reach the database and size the pool that a {@link JdbcDatabase} creates. Immutable; build
 * one with {@link #sqlite(Path)}, {@link #postgres(String, String, String)} or {@link
 * #builder(JdbcDialect, String)}.
 *
 * @since 0.1
 */
public final class JdbcStoreConfig {

  /** Rows fetched per query when a read stream advances. */
  public static final int DEFAULT_PAGE_SIZE = 500;

  /** How long a SQLite writer waits for another connection's write lock. */
  public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(10);

  /**
   * How long an instance's deliveries on a shared PostgreSQL store stay its own after its last
   * renewal; it renews every third of that.
   */
  public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(30);

  private final JdbcDialect dialect;
  private final String jdbcUrl;
  private final @Nullable Path file;
  private final @Nullable String user;
  private final @Nullable String password;
  private final int maximumPoolSize;
  private final Duration busyTimeout;
  private final Duration connectionTimeout;
  private final int pageSize;
  private final boolean verifyOnOpen;
  private final InstanceLease.Terms lease;

  private JdbcStoreConfig(Builder builder) {
    this.dialect = builder.dialect;
    this.jdbcUrl = builder.jdbcUrl;
    this.file = builder.file;
    this.user = builder.user;
    this.password = builder.password;
    this.maximumPoolSize =
        builder.maximumPoolSize > 0
            ? builder.maximumPoolSize
            : (builder.dialect == JdbcDialect.SQLITE ? 4 : 10);
    this.busyTimeout = builder.busyTimeout;
    this.connectionTimeout = builder.connectionTimeout;
    this.pageSize = builder.pageSize;
    this.verifyOnOpen = builder.verifyOnOpen;
    this.lease =
        new InstanceLease.Terms(
            builder.instanceId != null ? builder.instanceId : InstanceLease.Terms.generatedId(),
            builder.leaseDuration);
  }

  /**
   * SQLite on {@code file} (created with its parent directories if missing), with every default.
   *
   * @param file the database file
   * @return the configuration
   */
  public static JdbcStoreConfig sqlite(Path file) {
    return sqliteBuilder(file).build();
  }

  /**
   * A builder for SQLite on {@code file}.
   *
   * @param file the database file, made absolute
   * @return a builder with every default
   */
  public static Builder sqliteBuilder(Path file) {
    Path absolute = Objects.requireNonNull(file, "file").toAbsolutePath();
    return new Builder(JdbcDialect.SQLITE, "jdbc:sqlite:" + absolute);
  }

  /**
   * PostgreSQL at {@code jdbcUrl} (for example {@code jdbc:postgresql://localhost:5432/app}, with
   * {@code ?currentSchema=...} to use a schema other than {@code public}) with every default.
   *
   * @param jdbcUrl the JDBC URL
   * @param user the user name to connect as
   * @param password the password to connect with
   * @return the configuration
   * @throws NullPointerException if an argument is null
   */
  public static JdbcStoreConfig postgres(String jdbcUrl, String user, String password) {
    return builder(JdbcDialect.POSTGRESQL, jdbcUrl)
        .user(Objects.requireNonNull(user, "user"))
        .password(Objects.requireNonNull(password, "password"))
        .build();
  }

  /**
   * A builder for any dialect; the JDBC URL must be one the dialect's driver accepts.
   *
   * @param dialect the kind of database
   * @param jdbcUrl a URL starting with {@code jdbc:}
   * @return a builder with every default
   * @throws IllegalArgumentException if {@code jdbcUrl} does not start with {@code jdbc:}
   */
  public static Builder builder(JdbcDialect dialect, String jdbcUrl) {
    return new Builder(dialect, jdbcUrl);
  }

  /** {@return the database kind} */
  public JdbcDialect dialect() {
    return dialect;
  }

  /** {@return the JDBC URL the pool connects to} */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** {@return the user name, or {@code null} when the URL or the database needs none} */
  public @Nullable String user() {
    return user;
  }

  /**
   * {@return the largest number of pooled connections: by default 4 for SQLite and 10 for
   * PostgreSQL}
   */
  public int maximumPoolSize() {
    return maximumPoolSize;
  }

  /**
   * {@return how long a SQLite connection waits for a lock before failing ({@code busy_timeout})}
   */
  public Duration busyTimeout() {
    return busyTimeout;
  }

  /** {@return how long a caller waits for a pooled connection before the operation fails} */
  public Duration connectionTimeout() {
    return connectionTimeout;
  }

  /** {@return rows fetched per query when a read stream advances} */
  public int pageSize() {
    return pageSize;
  }

  /**
   * {@return whether opening a SQLite database reads it through once ({@code PRAGMA quick_check})
   * to find a corrupted file then rather than at the first read of a damaged page; {@code true} by
   * default. Ignored on PostgreSQL}
   */
  public boolean verifyOnOpen() {
    return verifyOnOpen;
  }

  /**
   * {@return the name this process's event store goes by on a PostgreSQL store that several
   * instances share: the owner of the deliveries it appends. Unique per live instance; by default
   * generated from the host, the process id and a random part, so a restarted process is a new
   * instance, whose predecessor's deliveries are taken over once that one's lease has run out. Give
   * each instance a stable name of its own (a pod name, say) to have a restart take its own
   * deliveries back at once. Ignored on SQLite, which one process owns}
   */
  public String instanceId() {
    return lease.instanceId();
  }

  /**
   * {@return how long this instance's deliveries on a shared PostgreSQL store stay its own after it
   * last renewed its lease (every third of that); another instance takes them over after that.
   * {@link #DEFAULT_LEASE_DURATION} by default. Ignored on SQLite}
   */
  public Duration leaseDuration() {
    return lease.duration();
  }

  InstanceLease.Terms lease() {
    return lease;
  }

  /** The SQLite file the URL names, unless it names none (an in-memory database, PostgreSQL). */
  @Nullable Path file() {
    return file;
  }

  @Nullable String password() {
    return password;
  }

  @Override
  public String toString() {
    return "JdbcStoreConfig["
        + dialect
        + " "
        + jdbcUrl
        + (user == null ? "" : " as " + user)
        + ", pool "
        + maximumPoolSize
        + "]";
  }

  /** Builds a {@link JdbcStoreConfig}; every setter checks its value at once. */
  public static final class Builder {

    private final JdbcDialect dialect;
    private final String jdbcUrl;
    private final @Nullable Path file;
    private @Nullable String user;
    private @Nullable String password;
    private int maximumPoolSize;
    private Duration busyTimeout = DEFAULT_BUSY_TIMEOUT;
    private Duration connectionTimeout = Duration.ofSeconds(30);
    private int pageSize = DEFAULT_PAGE_SIZE;
    private boolean verifyOnOpen = true;
    private @Nullable String instanceId;
    private Duration leaseDuration = DEFAULT_LEASE_DURATION;

    private Builder(JdbcDialect dialect, String jdbcUrl) {
      this.dialect = Objects.requireNonNull(dialect, "dialect");
      this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      if (!jdbcUrl.startsWith("jdbc:")) {
        throw new IllegalArgumentException("jdbcUrl must start with jdbc: but was " + jdbcUrl);
      }
      this.file = dialect == JdbcDialect.SQLITE ? SqliteFiles.fileOf(jdbcUrl) : null;
    }

    /**
     * The user name to connect as.
     *
     * @param user the user name, or {@code null} for none
     * @return this builder
     */
    public Builder user(@Nullable String user) {
      this.user = user;
      return this;
    }

    /**
     * The password to connect with.
     *
     * @param password the password, or {@code null} for none
     * @return this builder
     */
    public Builder password(@Nullable String password) {
      this.password = password;
      return this;
    }

    /**
     * The largest number of pooled connections, at least 2.
     *
     * @param maximumPoolSize at least 2
     * @return this builder
     * @throws IllegalArgumentException if {@code maximumPoolSize < 2}
     */
    public Builder maximumPoolSize(int maximumPoolSize) {
      if (maximumPoolSize < 2) {
        throw new IllegalArgumentException(
            "maximumPoolSize must be >= 2 but was " + maximumPoolSize);
      }
      this.maximumPoolSize = maximumPoolSize;
      return this;
    }

    /**
     * How long a SQLite connection waits for a lock; ignored on PostgreSQL.
     *
     * @param busyTimeout zero or more, at most {@link Integer#MAX_VALUE} milliseconds
     * @return this builder
     * @throws IllegalArgumentException if {@code busyTimeout} is negative or too long
     */
    public Builder busyTimeout(Duration busyTimeout) {
      Objects.requireNonNull(busyTimeout, "busyTimeout");
      if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("busyTimeout out of range: " + busyTimeout);
      }
      this.busyTimeout = busyTimeout;
      return this;
    }

    /**
     * How long a caller waits for a pooled connection, at least 250 ms.
     *
     * @param connectionTimeout at least 250 ms
     * @return this builder
     * @throws IllegalArgumentException if {@code connectionTimeout} is shorter than 250 ms
     */
    public Builder connectionTimeout(Duration connectionTimeout) {
      Objects.requireNonNull(connectionTimeout, "connectionTimeout");
      if (connectionTimeout.toMillis() < 250) {
        throw new IllegalArgumentException(
            "connectionTimeout must be >= 250ms but was " + connectionTimeout);
      }
      this.connectionTimeout = connectionTimeout;
      return this;
    }

    /**
     * Rows fetched per query when a read stream advances, from 1 to 100,000.
     *
     * @param pageSize from 1 to 100,000
     * @return this builder
     * @throws IllegalArgumentException if {@code pageSize} is out of that range
     */
    public Builder pageSize(int pageSize) {
      if (pageSize < 1 || pageSize > 100_000) {
        throw new IllegalArgumentException("pageSize must be 1..100000 but was " + pageSize);
      }
      this.pageSize = pageSize;
      return this;
    }

    /**
     * Whether opening a SQLite database checks the whole file ({@code PRAGMA quick_check}), so that
     * a corrupted file fails {@link JdbcDatabase#open} instead of a later read; {@code true} by
     * default. The check reads every page: about 1.3 s per GB of database from the page cache on a
     * 2-vCPU machine, more from a cold disk. Turn it off for very large files whose open must be
     * quick. Ignored on PostgreSQL.
     *
     * @param verifyOnOpen {@code false} to skip the check
     * @return this builder
     */
    public Builder verifyOnOpen(boolean verifyOnOpen) {
      this.verifyOnOpen = verifyOnOpen;
      return this;
    }

    /**
     * The name of this instance on a shared store (see {@link JdbcStoreConfig#instanceId()}).
     *
     * @param instanceId a non-blank name of at most 200 characters, unique per live instance
     * @return this builder
     * @throws IllegalArgumentException if blank or longer than 200 characters
     */
    public Builder instanceId(String instanceId) {
      this.instanceId = InstanceLease.Terms.checkId(instanceId);
      return this;
    }

    /**
     * How long this instance's deliveries stay its own after a renewal (see {@link
     * JdbcStoreConfig#leaseDuration()}).
     *
     * @param leaseDuration from 300 ms to one day
     * @return this builder
     * @throws IllegalArgumentException if shorter than 300 ms or longer than one day
     */
    public Builder leaseDuration(Duration leaseDuration) {
      this.leaseDuration = InstanceLease.Terms.checkDuration(leaseDuration);
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return a configuration with this builder's values
     */
    public JdbcStoreConfig build() {
      return new JdbcStoreConfig(this);
    }
  }
}
