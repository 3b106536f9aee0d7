package dev.eventbus.store.jdbc;

import dev.eventbus.api.spi.DurableEventStore;
import dev.eventbus.testkit.store.DeadLetterStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The dead-letter contract on a SQLite file of its own per test. */
class SqliteDeadLetterStoreTest extends DeadLetterStoreContract {

  @TempDir Path directory;

  @Override
  protected DurableEventStore openStore() {
    return JdbcEventStore.open(JdbcStoreConfig.sqlite(directory.resolve("events.db")));
  }
}
