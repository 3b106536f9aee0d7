package dev.eventbus.store.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The PostgreSQL the tests run on, from {@code EVENTBUS_PG_URL}, {@code EVENTBUS_PG_USER} and
 * {@code EVENTBUS_PG_PASSWORD}. Each test gets a schema of its own, created on first use and
 * dropped after the test (register an instance with {@code @RegisterExtension}).
 *
 * <p>When the server cannot be reached, a test that needs it fails if {@code CI=true} and is
 * aborted otherwise; the notice saying so is printed once per test run.
 */
final class PostgresTestDatabase implements AfterEachCallback {

  static final String URL = env("EVENTBUS_PG_URL", "jdbc:postgresql://localhost:5432/eventbus");
  static final String USER = env("EVENTBUS_PG_USER", "eventbus");
  static final String PASSWORD = env("EVENTBUS_PG_PASSWORD", "eventbus");

  private static final AtomicBoolean ANNOUNCED = new AtomicBoolean();

  private @Nullable String schema;

  /** Why the server cannot be used, or null when it can: probed once per run. */
  private static final class Probe {
    static final @Nullable String PROBLEM = probe();

    private static @Nullable String probe() {
      try (Connection connection = connect(URL)) {
        return connection.isValid(5) ? null : "the connection is not valid";
      } catch (SQLException e) {
        return e.getMessage();
      }
    }
  }

  /** This test's schema, created on the first call. */
  synchronized String schema() {
    String current = schema;
    if (current == null) {
      requireServer();
      current = "eventbus_test_" + UUID.randomUUID().toString().replace("-", "");
      try (Connection connection = connect(URL);
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE SCHEMA " + current);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot create schema " + current, e);
      }
      schema = current;
    }
    return current;
  }

  /** The JDBC URL of this test's schema. */
  String url() {
    return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema();
  }

  /** The store configuration of this test's schema. */
  JdbcStoreConfig config() {
    return JdbcStoreConfig.postgres(url(), USER, PASSWORD);
  }

  /** A plain JDBC connection to this test's schema, outside any store. */
  Connection connect() throws SQLException {
    return connect(url());
  }

  @Override
  public synchronized void afterEach(ExtensionContext context) throws SQLException {
    String current = schema;
    if (current != null) {
      schema = null;
      try (Connection connection = connect(URL);
          Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS " + current + " CASCADE");
      }
    }
  }

  /**
   * Returns if the server can be used; otherwise fails the test when {@code CI=true} and aborts it
   * when not.
   */
  static void requireServer() {
    String problem = Probe.PROBLEM;
    if (problem == null) {
      return;
    }
    String message =
        "PostgreSQL is absent: cannot connect to "
            + URL
            + " as "
            + USER
            + " ("
            + problem
            + "). The PostgreSQL tests of eventbus-store-jdbc need it. Start one and rerun, e.g."
            + " `.ci/run` (Debian: installs, starts the cluster and creates role and database"
            + " eventbus/eventbus), or `docker run -d -p 5432:5432 -e POSTGRES_USER=eventbus"
            + " -e POSTGRES_PASSWORD=eventbus -e POSTGRES_DB=eventbus postgres:16`; point the"
            + " tests elsewhere with EVENTBUS_PG_URL, EVENTBUS_PG_USER and EVENTBUS_PG_PASSWORD.";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail("CI=true and " + message);
    }
    if (ANNOUNCED.compareAndSet(false, true)) {
      System.out.println("[eventbus-store-jdbc] PostgreSQL tests aborted. " + message);
    }
    Assumptions.abort(message);
  }

  private static Connection connect(String url) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", USER);
    properties.setProperty("password", PASSWORD);
    properties.setProperty("connectTimeout", "5");
    properties.setProperty("loginTimeout", "5");
    return DriverManager.getConnection(url, properties);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
