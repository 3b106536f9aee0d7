package dev.eventbus.benchmarks;

import dev.eventbus.api.DomainEvent;
import dev.eventbus.api.spi.DurableEventStore;
import dev.eventbus.api.spi.EventCodec;
import dev.eventbus.codec.jackson.JacksonEventCodec;
import dev.eventbus.durable.InMemoryEventStore;
import dev.eventbus.store.jdbc.JdbcDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The stores the durability benchmarks run on: in memory, SQLite in a temporary directory, or
 * PostgreSQL in a fresh schema ({@code EVENTBUS_PG_URL}, {@code EVENTBUS_PG_USER}, {@code
 * EVENTBUS_PG_PASSWORD}; defaults as in {@code .ci/run}). Closing removes the files or the schema.
 */
final class DurableStores implements AutoCloseable {

  /** The event the benchmarks store: a transfer on one of 64 accounts. */
  public record Transfer(String account, long seq, long amount) implements DomainEvent {
    @Override
    public String eventType() {
      return "transfer";
    }

    @Override
    public String partitionKey() {
      return account;
    }
  }

  static final EventCodec CODEC =
      JacksonEventCodec.builder().register(Transfer.class, "transfer", 1).build();

  static final String PG_URL = env("EVENTBUS_PG_URL", "jdbc:postgresql://localhost:5432/eventbus");
  static final String PG_USER = env("EVENTBUS_PG_USER", "eventbus");
  static final String PG_PASSWORD = env("EVENTBUS_PG_PASSWORD", "eventbus");

  private final String kind;
  private final DurableEventStore store;
  private final @Nullable JdbcDatabase database;
  private final @Nullable Path directory;
  private final @Nullable String schema;
  private final @Nullable String jdbcUrl;

  private DurableStores(
      String kind,
      DurableEventStore store,
      @Nullable JdbcDatabase database,
      @Nullable Path directory,
      @Nullable String schema,
      @Nullable String jdbcUrl) {
    this.kind = kind;
    this.store = store;
    this.database = database;
    this.directory = directory;
    this.schema = schema;
    this.jdbcUrl = jdbcUrl;
  }

  /** Opens a store of {@code kind}: memory, sqlite or postgres. */
  static DurableStores open(String kind) throws IOException, SQLException {
    switch (kind) {
      case "memory":
        return new DurableStores(kind, InMemoryEventStore.create(), null, null, null, null);
      case "sqlite":
        {
          Path directory = Files.createTempDirectory("eventbus-bench");
          Path file = directory.resolve("events.db");
          JdbcDatabase database = JdbcDatabase.sqlite(file);
          return new DurableStores(
              kind, database.eventStore(), database, directory, null, "jdbc:sqlite:" + file);
        }
      case "postgres":
        {
          String schema = "bench_" + UUID.randomUUID().toString().replace("-", "");
          try (Connection connection = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
              Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
          }
          String url = PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
          JdbcDatabase database = JdbcDatabase.postgres(url, PG_USER, PG_PASSWORD);
          return new DurableStores(kind, database.eventStore(), database, null, schema, url);
        }
      default:
        throw new IllegalArgumentException("unknown store " + kind);
    }
  }

  DurableEventStore store() {
    return store;
  }

  /** A plain connection of the caller's own to the store's database, in auto-commit mode. */
  Connection connect() throws SQLException {
    if (jdbcUrl == null) {
      throw new IllegalStateException(kind + " has no database to connect to");
    }
    return kind.equals("postgres")
        ? DriverManager.getConnection(jdbcUrl, PG_USER, PG_PASSWORD)
        : DriverManager.getConnection(jdbcUrl);
  }

  /** The JDBC URL of the store's database (with the schema on PostgreSQL). */
  String jdbcUrl() {
    if (jdbcUrl == null) {
      throw new IllegalStateException(kind + " has no JDBC URL");
    }
    return jdbcUrl;
  }

  /** Marks every delivery pending again, so a recovery can be measured more than once. */
  void resetDeliveries() throws SQLException {
    if (jdbcUrl == null) {
      throw new IllegalStateException(kind + " has no SQL to reset");
    }
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(
          "UPDATE eventbus_deliveries SET outcome = NULL, completed_at = NULL"
              + " WHERE completed_at IS NOT NULL");
    }
  }

  @Override
  public void close() throws IOException, SQLException {
    store.close();
    if (database != null) {
      database.close();
    }
    if (schema != null) {
      try (Connection connection = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
          Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
    if (directory != null) {
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
