package dev.eventbus.benchmarks;

import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.benchmarks.DurableStores.Transfer;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.processors.EventBusBuilder;
import dev.eventbus.processors.EventBusFactory;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable publish throughput: {@code publish} returns only once its event is committed to the
 * store, so the score is committed events per second. Publishers share commits (group commit: one
 * writer appends whatever has queued since its last commit), which the 1-, 4- and 16-thread methods
 * show. {@code none} is the same bus without storage, for the cost of durability.
 *
 * <ul>
 *   <li>One {@code ASYNC} subscription named {@code ledger} with an empty handler, so every event
 *       also gets a pending delivery row, completed in the background.
 *   <li>{@code sqlite}: a file in a temporary directory, WAL journal with {@code synchronous=FULL}
 *       (a commit is an fsync of the WAL). {@code postgres}: the local server in a fresh schema,
 *       default {@code synchronous_commit=on}. {@code memory}: {@code InMemoryEventStore}.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class DurablePublishBenchmark {

  @Param({"none", "memory", "sqlite", "postgres"})
  public String store;

  private @Nullable DurableStores stores;
  private UnifiedEventBus bus;
  private final AtomicLong sequence = new AtomicLong();

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    EventBusBuilder builder = EventBusFactory.builder();
    if (!store.equals("none")) {
      stores = DurableStores.open(store);
      builder.storage(DurableStorage.builder(stores.store(), DurableStores.CODEC).build());
    }
    bus = builder.build();
    bus.subscribe(
        Transfer.class,
        transfer -> {},
        SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).name("ledger").build());
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    bus.stop(Duration.ofMinutes(1));
    if (stores != null) {
      stores.close();
    }
  }

  private void publishOne() {
    long seq = sequence.incrementAndGet();
    bus.publish(new Transfer("acct-" + (seq & 63), seq, seq % 1_000));
  }

  @Benchmark
  @Threads(1)
  public void publish1Thread() {
    publishOne();
  }

  @Benchmark
  @Threads(4)
  public void publish4Threads() {
    publishOne();
  }

  @Benchmark
  @Threads(16)
  public void publish16Threads() {
    publishOne();
  }
}
