package dev.eventbus.store.jdbc;

import dev.eventbus.api.spi.EventStore;
import dev.eventbus.testkit.store.EventStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The event store contract on PostgreSQL, in a schema of its own per test. */
class PostgresEventStoreTest extends EventStoreContract {

  @RegisterExtension final PostgresTestDatabase postgres = new PostgresTestDatabase();

  @Override
  protected EventStore openStore() {
    return JdbcEventStore.open(postgres.config());
  }
}
