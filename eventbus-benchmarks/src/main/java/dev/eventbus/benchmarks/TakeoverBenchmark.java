package dev.eventbus.benchmarks;

import dev.eventbus.api.spi.DurableEventStore.PendingDelivery;
import dev.eventbus.api.spi.NewEvent;
import dev.eventbus.store.jdbc.JdbcDatabase;
import dev.eventbus.store.jdbc.JdbcDialect;
import dev.eventbus.store.jdbc.JdbcEventStore;
import dev.eventbus.store.jdbc.JdbcStoreConfig;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Claiming from one PostgreSQL store: {@value #DELIVERIES} pending deliveries of an instance whose
 * lease ran out are taken over, in batches of {@value #BATCH}, by one instance or by three at once
 * (each on its own pool, as separate processes would be). The score is deliveries claimed per
 * second; between invocations every delivery is handed back to the dead instance.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@State(Scope.Benchmark)
public class TakeoverBenchmark {

  static final int DELIVERIES = 20_000;
  static final int BATCH = 500;

  @Param({"1", "3"})
  public int instances;

  private DurableStores stores;
  private final List<JdbcDatabase> databases = new ArrayList<>();
  private final List<JdbcEventStore> claimers = new ArrayList<>();
  private ExecutorService threads;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    stores = DurableStores.open("postgres");
    JdbcDatabase dead = open("dead", Duration.ofMillis(300));
    JdbcEventStore deadStore = dead.eventStore();
    List<NewEvent> batch = new ArrayList<>();
    for (int i = 0; i < DELIVERIES; i++) {
      batch.add(
          new NewEvent(
              UUID.randomUUID(),
              "transfer",
              1,
              Instant.now(),
              "acct-" + (i & 63),
              Map.of(),
              Map.of("seq", i),
              List.of("ledger")));
      if (batch.size() == 1_000) {
        deadStore.append(batch);
        batch.clear();
      }
    }
    Thread.sleep(600); // the dead instance's lease runs out
    for (int i = 0; i < instances; i++) {
      claimers.add(open("claimer-" + i, Duration.ofMinutes(10)).eventStore());
    }
    threads = Executors.newFixedThreadPool(instances);
  }

  private JdbcDatabase open(String id, Duration lease) {
    JdbcDatabase database =
        JdbcDatabase.open(
            JdbcStoreConfig.builder(JdbcDialect.POSTGRESQL, stores.jdbcUrl())
                .user(DurableStores.PG_USER)
                .password(DurableStores.PG_PASSWORD)
                .instanceId(id)
                .leaseDuration(lease)
                .build());
    databases.add(database);
    return database;
  }

  /** Hands every delivery back to the dead instance. */
  @Setup(Level.Invocation)
  public void handBack() throws Exception {
    try (Connection connection = stores.connect();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate("UPDATE eventbus_deliveries SET owner = 'dead'");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    threads.shutdownNow();
    databases.forEach(JdbcDatabase::close);
    stores.close();
  }

  @Benchmark
  @OperationsPerInvocation(DELIVERIES)
  public long takeOverAll() throws Exception {
    List<Future<Long>> claims = new ArrayList<>();
    for (JdbcEventStore claimer : claimers) {
      claims.add(
          threads.submit(
              () -> {
                long claimed = 0;
                List<PendingDelivery> got;
                do {
                  got = claimer.takeOverDeliveries("ledger", BATCH);
                  claimed += got.size();
                } while (!got.isEmpty());
                return claimed;
              }));
    }
    long total = 0;
    for (Future<Long> claim : claims) {
      total += claim.get();
    }
    if (total != DELIVERIES) {
      throw new IllegalStateException("claimed " + total + " of " + DELIVERIES);
    }
    return total;
  }
}
