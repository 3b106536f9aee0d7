package dev.eventbus.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The stores' write transactions on an in-memory SQLite database: work commits as a whole or not at
 * all, and its failure reaches the caller as it was.
 */
class TransactionsTest {

  @RegisterExtension final InMemorySqlite sqlite = new InMemorySqlite();

  @BeforeEach
  void createTable() throws SQLException {
    sqlite.execute("CREATE TABLE t (n INTEGER NOT NULL PRIMARY KEY)");
  }

  /** Runs, in one transaction, inserts of {@code rows} and then {@code last}. */
  private <T extends @Nullable Object> T insertInTransaction(int[] rows, Transactions.Work<T> last)
      throws SQLException {
    return Transactions.inTransaction(
        sqlite.connection(),
        JdbcDialect.SQLITE,
        () -> {
          for (int n : rows) {
            sqlite.execute("INSERT INTO t VALUES (" + n + ")");
          }
          return last.run();
        });
  }

  @Test
  void workIsCommittedAndWhatItGivesReturned() throws SQLException {
    String result = insertInTransaction(new int[] {1, 2}, () -> "two");

    assertThat(result).isEqualTo("two");
    assertThat(sqlite.connection().getAutoCommit()).isTrue();
    assertThat(sqlite.count("t")).isEqualTo(2);
  }

  @Test
  void workThatThrowsIsRolledBackAndItsExceptionRethrownAsItWas() throws SQLException {
    IllegalStateException failure = new IllegalStateException("half-way");

    assertThatThrownBy(
            () ->
                insertInTransaction(
                    new int[] {1},
                    () -> {
                      throw failure;
                    }))
        .isSameAs(failure);

    assertThat(failure.getSuppressed()).isEmpty();
    assertThat(sqlite.count("t")).isZero();
  }

  @Test
  void aFailingStatementRollsTheWholeWorkBack() throws SQLException {
    assertThatThrownBy(() -> insertInTransaction(new int[] {1, 2, 2}, () -> null))
        .isInstanceOf(SQLException.class);

    assertThat(sqlite.count("t")).isZero();
    assertThat(insertInTransaction(new int[] {3}, () -> 3)).isEqualTo(3);
    assertThat(sqlite.count("t")).isEqualTo(1);
  }
}
