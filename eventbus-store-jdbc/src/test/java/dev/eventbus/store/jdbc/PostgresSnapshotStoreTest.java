package dev.eventbus.store.jdbc;

import dev.eventbus.api.spi.SnapshotStore;
import dev.eventbus.testkit.store.SnapshotStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The snapshot store contract on PostgreSQL, in a schema of its own per test. */
class PostgresSnapshotStoreTest extends SnapshotStoreContract {

  @RegisterExtension final PostgresTestDatabase postgres = new PostgresTestDatabase();

  @Override
  protected SnapshotStore openStore() {
    return JdbcSnapshotStore.open(postgres.config());
  }
}
