package dev.eventbus.store.jdbc;

import dev.eventbus.api.spi.DurableEventStore;
import dev.eventbus.testkit.store.DeadLetterStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The dead-letter contract on PostgreSQL, in a schema of its own per test. */
class PostgresDeadLetterStoreTest extends DeadLetterStoreContract {

  @RegisterExtension final PostgresTestDatabase postgres = new PostgresTestDatabase();

  @Override
  protected DurableEventStore openStore() {
    return JdbcEventStore.open(postgres.config());
  }
}
