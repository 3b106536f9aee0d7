package dev.eventbus.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed (SIGKILL) between its business write and the commit loses both the row and the
 * event; one killed after the commit, before its delivery finished, keeps both, and the next
 * process delivers the event. On SQLite and on PostgreSQL.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class OutboxCrashTest {

  @RegisterExtension final PostgresTestDatabase postgres = new PostgresTestDatabase();

  @TempDir Path dir;

  @Test
  void sqliteLosesNeitherOrBoth() throws Exception {
    Path file = dir.resolve("events.db");
    neitherOrBoth(
        List.of("sqlite", file.toString()),
        () -> DriverManager.getConnection("jdbc:sqlite:" + file));
  }

  @Test
  void postgresLosesNeitherOrBoth() throws Exception {
    neitherOrBoth(
        List.of("postgres", postgres.url(), postgres.user(), postgres.password()),
        postgres::connect);
  }

  @FunctionalInterface
  interface Connect {
    Connection open() throws SQLException;
  }

  private void neitherOrBoth(List<String> database, Connect connect) throws Exception {
    try (Connection connection = connect.open();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE orders (id TEXT PRIMARY KEY)");
    }
    killAfter("before-commit", "o-rolled", "written", database);
    assertThat(count(connect, "SELECT COUNT(*) FROM orders")).isZero();
    assertThat(count(connect, "SELECT COUNT(*) FROM eventbus_events")).isZero();

    killAfter("after-commit", "o-kept", "committed", database);
    assertThat(count(connect, "SELECT COUNT(*) FROM orders")).isEqualTo(1);
    assertThat(count(connect, "SELECT COUNT(*) FROM eventbus_events")).isEqualTo(1);
    assertThat(dir.resolve("delivered.log")).doesNotExist();

    List<String> args = new ArrayList<>(List.of("recover", dir.toString()));
    args.addAll(database);
    Process recover = ChildJvm.start(OutboxCrashWorkload.class, args, dir.resolve("recover.txt"));
    assertThat(recover.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(recover.exitValue())
        .as(Files.readString(dir.resolve("recover.txt"), StandardCharsets.UTF_8))
        .isZero();
    assertThat(Files.readAllLines(dir.resolve("delivered.log"))).containsExactly("o-kept");
  }

  /** Runs the workload in {@code mode} and kills it once it printed {@code line}. */
  private void killAfter(String mode, String id, String line, List<String> database)
      throws Exception {
    List<String> args = new ArrayList<>(List.of(mode, dir.toString(), id));
    args.addAll(database);
    Path output = dir.resolve(mode + ".txt");
    Process child = ChildJvm.start(OutboxCrashWorkload.class, args, output);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (!Files.readString(output, StandardCharsets.UTF_8).contains(line + "\n")) {
      assertThat(child.isAlive())
          .as("%s ended early: %s", mode, Files.readString(output, StandardCharsets.UTF_8))
          .isTrue();
      assertThat(System.nanoTime()).as("%s printed %s", mode, line).isLessThan(deadline);
      Thread.sleep(10);
    }
    child.destroyForcibly(); // SIGKILL on Unix
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  private static long count(Connect connect, String sql) throws SQLException {
    try (Connection connection = connect.open();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
