package dev.eventbus.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.spi.EventStoreException;
import dev.eventbus.api.spi.NewEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SQLite database that cannot be used fails when it is opened, with a message that names the file
 * and says what is wrong, instead of opening and failing on the first write or read.
 *
 * <p>The tests run as root here (and in CI), and root is not stopped by file permissions: a file
 * made read-only with {@code chmod} is still written. So each case is made with what refuses root
 * too, and each test says which: SQLite's own read-only open mode, a kernel file system that
 * refuses to create files, a path whose parent is a regular file, bytes that are no database.
 */
class SqliteOpenFailuresTest {

  @TempDir Path directory;

  private static NewEvent event(int n, String text) {
    return new NewEvent(
        UUID.randomUUID(),
        "failure-test",
        1,
        Instant.parse("2026-12-04T10:00:00Z").plusMillis(n),
        null,
        Map.of(),
        Map.of("n", n, "text", text));
  }

  /** A store file with {@code count} events whose data carries {@code marker + n}, closed. */
  private Path storeWithEvents(String name, int count, String marker) {
    Path file = directory.resolve(name);
    try (JdbcEventStore store = JdbcEventStore.open(JdbcStoreConfig.sqlite(file))) {
      List<NewEvent> events = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        events.add(event(i, marker + i + " " + "x".repeat(200)));
      }
      store.append(events);
    }
    // Closing the last connection checkpoints the WAL into the file and removes it.
    assertThat(directory.resolve(name + "-wal")).doesNotExist();
    return file;
  }

  @Test
  void aDatabaseSqliteOpensReadOnlyFailsAtOpenSayingReadOnly() {
    // What SQLite does with a file this process may not write (as any user but root meets it):
    // it opens the file read-only, reads work and the first write fails. Root may write every
    // file, so the connections ask SQLite for a read-only open in the URL (open_mode=1, that is
    // SQLITE_OPEN_READONLY): the same state of SQLite's connection. They come from a data source
    // of the caller's, as a pool would reset the flag.
    Path file = storeWithEvents("readonly.db", 3, "ro-");
    DataSource readOnly = new UrlDataSource("jdbc:sqlite:" + file + "?open_mode=1");

    assertThatThrownBy(() -> JdbcDatabase.of(readOnly, JdbcDialect.SQLITE))
        .isInstanceOf(EventStoreException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("read-only");
  }

  @Test
  void aFileThatIsNotASqliteDatabaseFailsAtOpen() throws IOException {
    Path file = directory.resolve("notes.db");
    Files.writeString(file, "these are notes, not a database\n".repeat(200));

    assertThatThrownBy(() -> JdbcEventStore.open(JdbcStoreConfig.sqlite(file)))
        .isInstanceOf(EventStoreException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("not a SQLite database or corrupted");
    assertThat(Files.readString(file)).startsWith("these are notes");
  }

  @Test
  void aCorruptedDatabaseFailsAtOpen() throws IOException {
    Path file = storeWithEvents("corrupted.db", 2_000, "marker-");
    overwritePageHolding(file, "marker-1000 ");

    assertThatThrownBy(() -> JdbcEventStore.open(JdbcStoreConfig.sqlite(file)))
        .isInstanceOf(EventStoreException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("not a SQLite database or corrupted");
  }

  @Test
  void aCorruptionMetAfterOpeningNamesTheFileAndSaysCorrupted() throws IOException {
    Path file = storeWithEvents("corrupted-later.db", 2_000, "marker-");
    overwritePageHolding(file, "marker-1000 ");
    JdbcEventStore store =
        JdbcEventStore.open(JdbcStoreConfig.sqliteBuilder(file).verifyOnOpen(false).build());

    try (store) {
      assertThatThrownBy(store::quarantined)
          .isInstanceOf(EventStoreException.class)
          .hasMessageStartingWith("quarantined failed: ")
          .hasMessageContaining(file.toString())
          .hasMessageContaining("not a SQLite database or corrupted");
    }
  }

  @Test
  void aDirectoryThatRefusesNewFilesFailsAtOpenSayingPermissionDenied() {
    // sysfs refuses to create regular files, to root too: the kernel answers EACCES (or EROFS
    // where /sys is mounted read-only, as in some containers), which is what a directory without
    // write permission answers any other user.
    Path file = Path.of("/sys", "eventbus-test-" + UUID.randomUUID() + ".db");

    assertThatThrownBy(() -> JdbcEventStore.open(JdbcStoreConfig.sqlite(file)))
        .isInstanceOf(EventStoreException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("cannot create")
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .containsAnyOf("permission denied", "read-only file system"));
    assertThat(file).doesNotExist();
  }

  @Test
  void aDirectoryThatCannotBeCreatedFailsAtOpenSayingWhy() throws IOException {
    // A parent that is a regular file: no directory can be made there, by root either.
    Path regular = Files.writeString(directory.resolve("plain.txt"), "a file");
    Path file = regular.resolve("data").resolve("events.db");

    assertThatThrownBy(() -> JdbcEventStore.open(JdbcStoreConfig.sqlite(file)))
        .isInstanceOf(EventStoreException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("cannot create directory " + file.getParent())
        .hasMessageContaining(regular + " is a file, not a directory");
  }

  @Test
  void aGoodDatabaseStillOpensAndKeepsItsEvents() {
    Path file = storeWithEvents("good.db", 10, "good-");

    try (JdbcEventStore store = JdbcEventStore.open(JdbcStoreConfig.sqlite(file))) {
      assertThat(store.lastPosition()).isEqualTo(10);
      assertThat(store.quarantined()).isEmpty();
    }
  }

  /**
   * Overwrites, with random bytes, the page of {@code file} that holds {@code text}: a leaf page of
   * the events table, so a scan of the table meets it.
   */
  private static void overwritePageHolding(Path file, String text) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int pageSize = ((bytes[16] & 0xff) << 8) | (bytes[17] & 0xff);
    int at = indexOf(bytes, text.getBytes(StandardCharsets.UTF_8));
    assertThat(at).as("the text is in the file").isPositive();
    byte[] garbage = new byte[pageSize];
    new Random(14).nextBytes(garbage);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(garbage), (long) (at / pageSize) * pageSize);
    }
  }

  /** A data source whose connections come from {@link DriverManager} and a URL. */
  private static final class UrlDataSource implements DataSource {
    private final String url;

    UrlDataSource(String url) {
      this.url = url;
    }

    @Override
    public Connection getConnection() throws SQLException {
      return DriverManager.getConnection(url);
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public @Nullable PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(@Nullable PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException("no logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
      return false;
    }

    @Override
    public String toString() {
      return url;
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
