package dev.eventbus.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.EventTooLargeException;
import dev.eventbus.api.StorageConfig;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.codec.jackson.JacksonEventCodec;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.processors.EventBusFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code storage.maxEventSize} on a durable bus over SQLite: the size the bus checks is the size of
 * the JSON text the store writes (data and headers, in UTF-8), and a larger event never reaches the
 * store.
 */
class MaxEventSizeOnSqliteTest {

  /** An event of one string, written by Jackson as {"text":"..."}. */
  public record Note(String text) {}

  private static final int LIMIT = 4_096;

  /** A text with an escape ("), a two-byte character (é) and a control character (\n). */
  private static String text(int bytes) {
    String special = "\"é\n"; // 6 bytes in JSON: \" é \n
    return special + "a".repeat(bytes - 6);
  }

  /** {"text":""} and the empty headers {}. */
  private static final int OVERHEAD = "{\"text\":\"\"}".length() + "{}".length();

  @TempDir Path directory;

  private @Nullable JdbcDatabase database;
  private @Nullable UnifiedEventBus bus;

  private UnifiedEventBus bus(int limit) {
    JdbcDatabase database = JdbcDatabase.sqlite(directory.resolve("events.db"));
    this.database = database;
    UnifiedEventBus bus =
        EventBusFactory.builder()
            .config(
                EventBusConfig.builder()
                    .storage(StorageConfig.builder().maxEventSize(limit).build())
                    .build())
            .storage(
                DurableStorage.builder(
                        database.eventStore(),
                        JacksonEventCodec.builder().register(Note.class, "note", 1).build())
                    .build())
            .build();
    this.bus = bus;
    return bus;
  }

  @AfterEach
  void close() {
    UnifiedEventBus bus = this.bus;
    if (bus != null) {
      bus.stop(Duration.ofSeconds(5));
    }
    JdbcDatabase database = this.database;
    if (database != null) {
      database.close();
    }
  }

  @Test
  void theLimitIsTheSizeOfWhatTheStoreWrites() throws Exception {
    UnifiedEventBus bus = bus(LIMIT);

    bus.publish(new Note(text(LIMIT - OVERHEAD)));
    assertThatThrownBy(() -> bus.publish(new Note(text(LIMIT - OVERHEAD + 1))))
        .isInstanceOf(EventTooLargeException.class)
        .hasMessageContaining("'note' is " + (LIMIT + 1) + " bytes")
        .hasMessageContaining("limit of " + LIMIT + " bytes");

    try (Connection plain =
            DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("events.db"));
        Statement statement = plain.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT length(CAST(data AS BLOB)) + length(CAST(headers AS BLOB))"
                    + " FROM eventbus_events ORDER BY position")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getLong(1)).as("bytes stored").isEqualTo(LIMIT);
      assertThat(rows.next()).as("only the event at the limit is stored").isFalse();
    }
  }

  @Test
  @Timeout(60)
  void aHundredMegabyteEventIsRefusedBeforeTheStoreWritesAnything() throws Exception {
    UnifiedEventBus bus = bus(StorageConfig.DEFAULT_MAX_EVENT_SIZE);
    JdbcEventStore store =
        JdbcEventStore.open(JdbcStoreConfig.sqlite(directory.resolve("events.db")));
    bus.publish(new Note("before"));
    Note huge = new Note("x".repeat(100_000_000));

    long start = System.nanoTime();
    assertThatThrownBy(() -> bus.publish(huge))
        .isInstanceOfSatisfying(
            EventTooLargeException.class,
            e -> assertThat(e.size()).isEqualTo(100_000_000L + OVERHEAD));
    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();

    assertThat(millis).as("refused in %d ms", millis).isLessThan(5_000);
    try (store) {
      assertThat(store.lastPosition()).isEqualTo(1);
    }
    long written = Files.size(directory.resolve("events.db"));
    Path wal = directory.resolve("events.db-wal");
    if (Files.exists(wal)) {
      written += Files.size(wal);
    }
    assertThat(written).as("bytes of the database and its WAL").isLessThan(1_000_000);
  }
}
