package dev.eventbus.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JDBC store tests on PostgreSQL, in a schema of their own per test. */
class PostgresStoreTest extends JdbcStoreTests {

  @RegisterExtension final PostgresTestDatabase postgres = new PostgresTestDatabase();

  @Override
  protected JdbcStoreConfig config() {
    return postgres.config();
  }

  @Override
  protected Connection plainConnection() throws SQLException {
    return postgres.connect();
  }
}
