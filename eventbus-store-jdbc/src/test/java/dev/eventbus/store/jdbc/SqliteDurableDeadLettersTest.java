package dev.eventbus.store.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Durable dead letters on a SQLite file of its own per test, reopened as after a restart. */
class SqliteDurableDeadLettersTest extends DurableDeadLettersTests {

  @TempDir Path directory;

  @Override
  protected JdbcStoreConfig config() {
    return JdbcStoreConfig.sqlite(directory.resolve("events.db"));
  }
}
