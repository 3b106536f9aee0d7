package dev.eventbus.store.jdbc;

import dev.eventbus.api.spi.DurableEventStore;
import dev.eventbus.testkit.store.DurableEventStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The durable event store contract on PostgreSQL, in a schema of its own per test. */
class PostgresEventStoreTest extends DurableEventStoreContract {

  @RegisterExtension final PostgresTestDatabase postgres = new PostgresTestDatabase();

  @Override
  protected DurableEventStore openDurableStore() {
    return JdbcEventStore.open(postgres.config());
  }
}
