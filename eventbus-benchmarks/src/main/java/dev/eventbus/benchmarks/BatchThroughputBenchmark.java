package dev.eventbus.benchmarks;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;
import dev.eventbus.api.AsyncConfig;
import dev.eventbus.api.BatchConfig;
import dev.eventbus.api.BatchEventHandler;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.benchmarks.AsyncPeers.LmaxDisruptor;
import dev.eventbus.benchmarks.AsyncPeers.Peer;
import dev.eventbus.benchmarks.AsyncPeers.RoundCounter;
import dev.eventbus.benchmarks.AsyncPeers.Slot;
import dev.eventbus.benchmarks.AsyncPeers.Tick;
import dev.eventbus.benchmarks.AsyncPeers.Unified;
import dev.eventbus.benchmarks.AsyncThroughputBenchmark.Rounds;
import dev.eventbus.processors.EventBusFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Batch-mode throughput: one producer thread publishes {@value AsyncThroughputBenchmark#EVENTS}
 * events to one subscriber that takes them in batches, and an invocation ends only when all of them
 * have been handled. {@code unified} is the unified bus with a {@link ProcessingMode#BATCH}
 * subscription whose {@link BatchEventHandler} gets each batch in one call. Guava, MBassador,
 * greenrobot and Spring have no batch mode, so the peers are the unified bus's own {@code ASYNC}
 * mode ({@code unifiedAsync}, one event per handler call) and the LMAX Disruptor's batch-aware
 * handler ({@code disruptorBatch}), which gathers events until the Disruptor says {@code
 * endOfBatch} and then hands the gathered list to the same batch work.
 *
 * <h2>Method</h2>
 *
 * <p>As {@link AsyncThroughputBenchmark}: the same pre-allocated {@link Tick}s, published in order
 * from the benchmark thread, which then parks until the last is handled (failing after {@link
 * AsyncThroughputBenchmark#ROUND_TIMEOUT}); {@link OperationsPerInvocation} is the event count, so
 * the score is events per second and {@code gc.alloc.rate.norm} bytes per event (all threads).
 * Setup runs one round outside the measurement and fails unless every event was handled exactly
 * once (sum of payloads); teardown checks it again over every round. For {@code unified} setup also
 * fails unless the subscription really is {@code BATCH} and at least one batch held more than one
 * event.
 *
 * <h2>Fairness</h2>
 *
 * <ul>
 *   <li>Batch work is identical: {@link #handleBatch} loops over the batch and counts each event in
 *       the shared {@link RoundCounter}; {@code unifiedAsync} calls that counter per event, as in
 *       {@link AsyncThroughputBenchmark}.
 *   <li>{@code unified}: one async shard, queue of 131,072 deliveries with overflow {@code BLOCK}
 *       (more than one invocation, so the producer never waits for room), batch size {@value
 *       #BATCH_SIZE} (it divides the event count, so no round waits for the flush interval), {@code
 *       adaptiveBatching} off so the size stays fixed.
 *   <li>{@code disruptorBatch}: ring of {@value AsyncThroughputBenchmark#RING_SIZE} slots, single
 *       producer, blocking wait strategy (the consumer parks when idle, as the bus's threads do).
 *       Its batches are whatever the consumer finds published when it catches up, up to the ring
 *       size: no fixed size and no flush interval, which favours it.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(AsyncThroughputBenchmark.EVENTS)
@Fork(2)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class BatchThroughputBenchmark {

  /** The unified bus's batch size. */
  public static final int BATCH_SIZE = 1_000;

  private static final int QUEUE_SIZE = 131_072;

  /** The batch work, the same for every bus: count each event of the batch. */
  static void handleBatch(RoundCounter counter, List<Tick> batch) {
    for (int i = 0, n = batch.size(); i < n; i++) {
      counter.onTick(batch.get(i));
    }
  }

  /** The unified bus with one {@code BATCH} subscription. */
  static final class UnifiedBatch implements Peer {
    private final UnifiedEventBus bus;
    private volatile int largestBatch;

    UnifiedBatch(RoundCounter counter) {
      EventBusConfig config =
          EventBusConfig.builder()
              .async(
                  AsyncConfig.builder()
                      .shards(1)
                      .queueSize(QUEUE_SIZE)
                      .overflowPolicy(OverflowPolicy.BLOCK)
                      .build())
              .batch(
                  BatchConfig.builder()
                      .defaultBatchSize(BATCH_SIZE)
                      .maxBatchSize(BATCH_SIZE)
                      .adaptiveBatching(false)
                      .build())
              .build();
      bus = EventBusFactory.createWithConfig(config);
      BatchEventHandler<Tick> handler =
          batch -> {
            if (batch.size() > largestBatch) {
              largestBatch = batch.size();
            }
            handleBatch(counter, batch);
          };
      Subscription subscription =
          bus.subscribe(
              Tick.class,
              handler,
              SubscriptionOptions.builder()
                  .mode(ProcessingMode.BATCH)
                  .batchSize(BATCH_SIZE)
                  .overflowPolicy(OverflowPolicy.BLOCK)
                  .build());
      if (subscription.mode() != ProcessingMode.BATCH) {
        bus.close();
        throw new IllegalStateException("unified subscription is " + subscription.mode());
      }
    }

    @Override
    public void publish(Tick tick) {
      bus.publish(tick);
    }

    @Override
    public void publishChecked(Tick tick) {
      PublishResult result = bus.publish(tick);
      if (result.subscribers() != 1) {
        throw new IllegalStateException("unified: the event reached " + result);
      }
    }

    /**
     * @throws IllegalStateException if no batch held more than one event
     */
    void requireBatched() {
      if (largestBatch < 2) {
        throw new IllegalStateException(
            "unified: largest batch " + largestBatch + ", not batching");
      }
    }

    @Override
    public void close() {
      bus.close();
    }
  }

  /** Gathers the Disruptor's events until {@code endOfBatch}, then runs the batch work on them. */
  static final class GatheringHandler implements com.lmax.disruptor.EventHandler<Slot> {
    private final RoundCounter counter;
    private final List<Tick> batch = new ArrayList<>(AsyncThroughputBenchmark.RING_SIZE);

    GatheringHandler(RoundCounter counter) {
      this.counter = counter;
    }

    @Override
    public void onEvent(Slot slot, long sequence, boolean endOfBatch) {
      Tick tick = slot.tick;
      if (tick == null) {
        throw new IllegalStateException("empty slot at sequence " + sequence);
      }
      batch.add(tick);
      if (endOfBatch) {
        handleBatch(counter, batch);
        batch.clear();
      }
    }
  }

  /** The unified bus, {@code BATCH}. */
  @State(Scope.Thread)
  public static class UnifiedBatchBus {
    Rounds rounds;
    UnifiedBatch peer;

    @Setup(Level.Trial)
    public void setUp() {
      rounds = new Rounds();
      peer = new UnifiedBatch(rounds.counter);
      rounds.check(peer, "unified");
      peer.requireBatched();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      try {
        rounds.requireAllHandled("unified");
      } finally {
        peer.close();
      }
    }
  }

  /** The unified bus, {@code ASYNC}. */
  @State(Scope.Thread)
  public static class UnifiedAsyncBus {
    Rounds rounds;
    Unified peer;

    @Setup(Level.Trial)
    public void setUp() {
      rounds = new Rounds();
      peer = new Unified(rounds.counter, QUEUE_SIZE);
      rounds.check(peer, "unifiedAsync");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      try {
        rounds.requireAllHandled("unifiedAsync");
      } finally {
        peer.close();
      }
    }
  }

  /** The Disruptor with a batch-aware handler. */
  @State(Scope.Thread)
  public static class DisruptorBatchBus {
    Rounds rounds;
    LmaxDisruptor peer;

    @Setup(Level.Trial)
    public void setUp() {
      rounds = new Rounds();
      peer =
          new LmaxDisruptor(
              new GatheringHandler(rounds.counter),
              AsyncThroughputBenchmark.RING_SIZE,
              new BlockingWaitStrategy(),
              ProducerType.SINGLE);
      rounds.check(peer, "disruptorBatch");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      try {
        rounds.requireAllHandled("disruptorBatch");
      } finally {
        peer.close();
      }
    }
  }

  private static long run(Rounds rounds, Peer peer) {
    long round = rounds.begin();
    for (Tick tick : rounds.ticks) {
      peer.publish(tick);
    }
    return rounds.await(round);
  }

  @Benchmark
  public long unified(UnifiedBatchBus bus) {
    return run(bus.rounds, bus.peer);
  }

  @Benchmark
  public long unifiedAsync(UnifiedAsyncBus bus) {
    return run(bus.rounds, bus.peer);
  }

  @Benchmark
  public long disruptorBatch(DisruptorBatchBus bus) {
    return run(bus.rounds, bus.peer);
  }
}
