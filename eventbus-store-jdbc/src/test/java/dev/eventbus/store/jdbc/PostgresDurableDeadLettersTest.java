package dev.eventbus.store.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Durable dead letters on PostgreSQL, in a schema of its own per test. */
class PostgresDurableDeadLettersTest extends DurableDeadLettersTests {

  @RegisterExtension final PostgresTestDatabase postgres = new PostgresTestDatabase();

  @Override
  protected JdbcStoreConfig config() {
    return postgres.config();
  }
}
