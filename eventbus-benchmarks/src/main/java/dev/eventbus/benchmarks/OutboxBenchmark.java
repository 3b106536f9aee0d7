package dev.eventbus.benchmarks;

import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.benchmarks.DurableStores.Transfer;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.durable.JdbcTransaction;
import dev.eventbus.processors.EventBusFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of publishing in the caller's transaction (the outbox), one thread, committed
 * transactions per second, against plain JDBC in the same run:
 *
 * <ul>
 *   <li>{@code rowOnly}: the business row alone: insert, commit.
 *   <li>{@code rowAndOutboxRow}: the business row and a hand-written outbox row holding the same
 *       event as JSON in one table: two inserts, commit (what teams write by hand).
 *   <li>{@code rowAndPublish}: the business row and {@code bus.publish(event, tx)}: the event row,
 *       its pending delivery and the writer lock, commit, then the after-commit dispatch to one
 *       {@code ASYNC} subscription with an empty handler (its completion written in the
 *       background).
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class OutboxBenchmark {

  @Param({"sqlite", "postgres"})
  public String store;

  private @Nullable DurableStores stores;
  private @Nullable UnifiedEventBus bus;
  private @Nullable Connection connection;
  private final AtomicLong sequence = new AtomicLong();

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    DurableStores opened = DurableStores.open(store);
    stores = opened;
    bus =
        EventBusFactory.builder()
            .storage(DurableStorage.builder(opened.store(), DurableStores.CODEC).build())
            .build();
    bus.subscribe(
        Transfer.class,
        transfer -> {},
        SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).name("ledger").build());
    Connection own = opened.connect();
    try (Statement statement = own.createStatement()) {
      statement.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, amount BIGINT NOT NULL)");
      statement.execute(
          "CREATE TABLE outbox (id BIGINT PRIMARY KEY, event_type TEXT NOT NULL, data TEXT NOT"
              + " NULL)");
    }
    own.setAutoCommit(false);
    connection = own;
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    if (connection != null) {
      connection.close();
    }
    if (bus != null) {
      bus.stop(Duration.ofMinutes(1));
    }
    if (stores != null) {
      stores.close();
    }
  }

  private long insertRow(Connection own) throws SQLException {
    long id = sequence.incrementAndGet();
    try (PreparedStatement insert =
        own.prepareStatement("INSERT INTO orders (id, amount) VALUES (?, ?)")) {
      insert.setLong(1, id);
      insert.setLong(2, id % 1_000);
      insert.executeUpdate();
    }
    return id;
  }

  @Benchmark
  public void rowOnly() throws SQLException {
    Connection own = connection;
    insertRow(own);
    own.commit();
  }

  @Benchmark
  public void rowAndOutboxRow() throws SQLException {
    Connection own = connection;
    long id = insertRow(own);
    try (PreparedStatement insert =
        own.prepareStatement("INSERT INTO outbox (id, event_type, data) VALUES (?, ?, ?)")) {
      insert.setLong(1, id);
      insert.setString(2, "transfer");
      insert.setString(
          3,
          "{\"account\":\"acct-"
              + (id & 63)
              + "\",\"seq\":"
              + id
              + ",\"amount\":"
              + id % 1_000
              + "}");
      insert.executeUpdate();
    }
    own.commit();
  }

  @Benchmark
  public void rowAndPublish() throws SQLException {
    Connection own = connection;
    JdbcTransaction tx = JdbcTransaction.on(own);
    long id = insertRow(own);
    bus.publish(new Transfer("acct-" + (id & 63), id, id % 1_000), tx);
    tx.commit();
  }
}
