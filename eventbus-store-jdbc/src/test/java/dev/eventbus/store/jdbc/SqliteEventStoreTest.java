package dev.eventbus.store.jdbc;

import dev.eventbus.api.spi.EventStore;
import dev.eventbus.testkit.store.EventStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The event store contract on a SQLite file of its own per test. */
class SqliteEventStoreTest extends EventStoreContract {

  @TempDir Path directory;

  @Override
  protected EventStore openStore() {
    return JdbcEventStore.open(JdbcStoreConfig.sqlite(directory.resolve("events.db")));
  }
}
