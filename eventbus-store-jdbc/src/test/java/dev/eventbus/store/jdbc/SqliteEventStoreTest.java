package dev.eventbus.store.jdbc;

import dev.eventbus.api.spi.DurableEventStore;
import dev.eventbus.testkit.store.DurableEventStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The durable event store contract on a SQLite file of its own per test. */
class SqliteEventStoreTest extends DurableEventStoreContract {

  @TempDir Path directory;

  @Override
  protected DurableEventStore openDurableStore() {
    return JdbcEventStore.open(JdbcStoreConfig.sqlite(directory.resolve("events.db")));
  }
}
