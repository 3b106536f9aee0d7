package dev.eventbus.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventbus.api.spi.NewEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
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

  @Test
  void aPageOfPendingDeliveriesReadsEventsFromItsFirstPositionOnly() throws Exception {
    JdbcEventStore store = openDatabase().eventStore();
    int count = 20_000;
    List<NewEvent> batch = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      batch.add(event("p", null, i).withDeliveries(List.of("s")));
    }
    store.append(batch);

    long eventRowsRead;
    try (Connection plain = plainConnection()) {
      try (Statement statement = plain.createStatement()) {
        statement.execute("ANALYZE eventbus_events");
        statement.execute("ANALYZE eventbus_deliveries");
      }
      try (PreparedStatement explain =
          plain.prepareStatement(
              "EXPLAIN (ANALYZE, FORMAT JSON) "
                  + DeliveryLedger.selectPending(JdbcDialect.POSTGRESQL))) {
        explain.setString(1, "s");
        explain.setLong(2, 5_001);
        explain.setLong(3, 5_001);
        explain.setInt(4, 100);
        try (ResultSet plan = explain.executeQuery()) {
          plan.next();
          eventRowsRead = eventRowsRead(new ObjectMapper().readTree(plan.getString(1)));
        }
      }
    }

    // A page of 100 from position 5,001 on, not a scan of the 5,000 events before it as well.
    assertThat(eventRowsRead).isPositive().isLessThan(1_000);
  }

  /** The rows the plan's scans of eventbus_events produced or filtered out, over all loops. */
  private static long eventRowsRead(JsonNode node) {
    long rows = 0;
    if (node.isArray()) {
      for (JsonNode child : node) {
        rows += eventRowsRead(child);
      }
      return rows;
    }
    if ("eventbus_events".equals(node.path("Relation Name").asText())) {
      rows +=
          (node.path("Actual Rows").asLong() + node.path("Rows Removed by Filter").asLong())
              * Math.max(1, node.path("Actual Loops").asLong());
    }
    for (String field : List.of("Plan", "Plans")) {
      if (node.has(field)) {
        rows += eventRowsRead(node.get(field));
      }
    }
    return rows;
  }
}
