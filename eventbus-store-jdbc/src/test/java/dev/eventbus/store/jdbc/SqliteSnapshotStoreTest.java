package dev.eventbus.store.jdbc;

import dev.eventbus.api.spi.SnapshotStore;
import dev.eventbus.testkit.store.SnapshotStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The snapshot store contract on a SQLite file of its own per test. */
class SqliteSnapshotStoreTest extends SnapshotStoreContract {

  @TempDir Path directory;

  @Override
  protected SnapshotStore openStore() {
    return JdbcSnapshotStore.open(JdbcStoreConfig.sqlite(directory.resolve("snapshots.db")));
  }
}
