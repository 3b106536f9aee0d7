package dev.eventbus.benchmarks;

import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.NewEvent;
import dev.eventbus.benchmarks.DurableStores.Transfer;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.processors.EventBusFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
 * Recovery time: a store holds {@link #events} events, each with a pending delivery to the {@code
 * ledger} subscription, as after a crash with that much backlog. One shot builds a durable bus on
 * it, subscribes {@code ledger} (an empty handler), starts it and ends when the handler has seen
 * every event and the bus has stopped (completions written). Reading, upcasting (none here),
 * decoding and dispatching are all inside the time; building the store is not. Before each shot
 * every delivery is marked pending again.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@State(Scope.Benchmark)
public class RecoveryBenchmark {

  @Param({"1000000"})
  public int events;

  @Param({"sqlite", "postgres"})
  public String store;

  private DurableStores stores;

  @Setup(Level.Trial)
  public void fill() throws Exception {
    stores = DurableStores.open(store);
    List<NewEvent> batch = new ArrayList<>();
    Instant now = Instant.now();
    for (int i = 1; i <= events; i++) {
      batch.add(
          new NewEvent(
              UUID.randomUUID(),
              "transfer",
              1,
              now,
              "acct-" + (i & 63),
              Map.of(),
              Map.of("account", "acct-" + (i & 63), "seq", i, "amount", i % 1_000),
              List.of("ledger")));
      if (batch.size() == 10_000) {
        stores.store().append(batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      stores.store().append(batch);
    }
  }

  @Setup(Level.Iteration)
  public void markPending() throws Exception {
    stores.resetDeliveries();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    stores.close();
  }

  @Benchmark
  public long recover() throws InterruptedException {
    CountDownLatch handled = new CountDownLatch(events);
    UnifiedEventBus bus =
        EventBusFactory.builder()
            .storage(DurableStorage.builder(stores.store(), DurableStores.CODEC).build())
            .autoStart(false)
            .build();
    bus.subscribe(
        Transfer.class,
        transfer -> handled.countDown(),
        SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).name("ledger").build());
    bus.start();
    if (!handled.await(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException(handled.getCount() + " events were not redelivered");
    }
    bus.stop(Duration.ofMinutes(5));
    if (bus.stats().redelivered() != events) {
      throw new IllegalStateException("redelivered " + bus.stats().redelivered() + " of " + events);
    }
    return bus.stats().redelivered();
  }
}
