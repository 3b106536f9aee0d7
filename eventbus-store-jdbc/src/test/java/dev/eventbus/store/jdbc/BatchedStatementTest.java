package dev.eventbus.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Batched statements on an in-memory SQLite database: batches go out every 500 rows and at the
 * flush, never at the close.
 */
class BatchedStatementTest {

  private static final String INSERT = "INSERT INTO t VALUES (?)";

  @RegisterExtension final InMemorySqlite sqlite = new InMemorySqlite();

  @BeforeEach
  void createTable() throws SQLException {
    sqlite.execute("CREATE TABLE t (n INTEGER NOT NULL PRIMARY KEY)");
  }

  @Test
  void batchesGoOutEveryFiveHundredRowsAndAtTheFlush() throws SQLException {
    List<Long> countsAtEachBatch = new ArrayList<>();
    try (BatchedStatement insert = new BatchedStatement(sqlite.connection(), INSERT)) {
      for (int n = 1; n <= 2 * BatchedStatement.SIZE + 1; n++) {
        insert.statement().setInt(1, n);
        insert.add();
        if (n % BatchedStatement.SIZE == 0) {
          countsAtEachBatch.add(sqlite.count("t"));
        }
      }
      assertThat(sqlite.count("t")).isEqualTo(2L * BatchedStatement.SIZE);
      insert.flush();
      insert.flush();
    }

    assertThat(countsAtEachBatch).containsExactly(500L, 1000L);
    assertThat(sqlite.count("t")).isEqualTo(1001);
  }

  @Test
  void closingWithoutAFlushSendsNothingMore() throws SQLException {
    try (BatchedStatement insert = new BatchedStatement(sqlite.connection(), INSERT)) {
      insert.statement().setInt(1, 1);
      insert.add();
    }

    assertThat(sqlite.count("t")).isZero();
  }
}
