package dev.eventbus.benchmarks;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;
import dev.eventbus.benchmarks.AsyncPeers.GuavaAsync;
import dev.eventbus.benchmarks.AsyncPeers.LmaxDisruptor;
import dev.eventbus.benchmarks.AsyncPeers.Peer;
import dev.eventbus.benchmarks.AsyncPeers.ReactorSink;
import dev.eventbus.benchmarks.AsyncPeers.SlotHandler;
import dev.eventbus.benchmarks.AsyncPeers.Tick;
import dev.eventbus.benchmarks.AsyncPeers.TickHandler;
import dev.eventbus.benchmarks.AsyncPeers.Unified;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Four producers to one asynchronous subscriber: {@value #PRODUCERS} benchmark threads ({@link
 * Threads}) publish to one subscriber running on one consumer thread of the bus. The unified bus in
 * {@code ASYNC} mode against Guava's {@code AsyncEventBus}, the LMAX Disruptor with a
 * multi-producer ring, and a Reactor unicast sink that the producers emit to concurrently.
 *
 * <h2>Method</h2>
 *
 * <ul>
 *   <li>Each invocation of each producer publishes its own {@value #PER_PRODUCER} pre-allocated
 *       {@link Tick}s, then parks until the subscriber has handled all of them (the handler counts
 *       per producer and wakes a producer when its count reaches what it published; it fails after
 *       {@link #TIMEOUT}). {@link OperationsPerInvocation} is {@value #PER_PRODUCER} and JMH adds
 *       up the threads' scores, so the score is events per second through the bus from all four
 *       producers together.
 *   <li>Setup publishes one round of every producer's events from the setup thread and fails unless
 *       each was handled exactly once (per-producer count and sum of payloads); teardown checks the
 *       same over every round published.
 *   <li>On a 2-core machine the four producers and the consumer share two cores: this measures the
 *       bus under contention and oversubscription, not parallel speed-up.
 * </ul>
 *
 * <h2>Fairness</h2>
 *
 * <ul>
 *   <li>Every bus calls the same handler ({@link PerProducerCounter}) from its own callback.
 *   <li>{@code unified}: as in {@link AsyncThroughputBenchmark} (one async shard, queue of 131,072
 *       deliveries, overflow {@code BLOCK}), all four threads publishing to it.
 *   <li>{@code guavaAsync}: {@code AsyncEventBus} on a single-thread executor (unbounded queue).
 *   <li>{@code disruptor}: ring of {@value AsyncThroughputBenchmark#RING_SIZE} slots, {@code
 *       ProducerType.MULTI} (the single-producer ring is not safe here), blocking wait strategy.
 *   <li>{@code reactorSink}: {@code Sinks.many().unicast().onBackpressureBuffer()} through {@code
 *       publishOn} a single-thread scheduler; a sink refuses an emission that overlaps another
 *       ({@code FAIL_NON_SERIALIZED}), so each {@code emitNext} retries with {@code
 *       EmitFailureHandler.busyLooping}: the cost of serialising producers is Reactor's to pay, as
 *       the other buses pay for theirs.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(FourProducersBenchmark.PER_PRODUCER)
@Threads(FourProducersBenchmark.PRODUCERS)
@Fork(2)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class FourProducersBenchmark {

  /** Producer threads. */
  public static final int PRODUCERS = 4;

  /** Events each producer publishes per invocation. */
  public static final int PER_PRODUCER = 25_000;

  static final Duration TIMEOUT = Duration.ofSeconds(10);

  /**
   * Counts the events of each producer (the producer's index is the tick's {@code sequence}) and
   * adds up their payloads; wakes a producer when its count reaches the target it set. Called from
   * one consumer thread at a time.
   */
  static final class PerProducerCounter implements TickHandler {
    private final AtomicLongArray handled = new AtomicLongArray(PRODUCERS);
    private final AtomicLongArray targets = new AtomicLongArray(PRODUCERS);
    private final AtomicReferenceArray<Thread> waiters = new AtomicReferenceArray<>(PRODUCERS);
    // Written before handled is, read after it: a producer that saw its count sees the sum.
    private long checksum;

    @Override
    public void onTick(Tick tick) {
      int producer = (int) tick.sequence();
      checksum += tick.payload();
      long count = handled.get(producer) + 1;
      handled.set(producer, count);
      if (count == targets.get(producer)) {
        Thread waiter = waiters.get(producer);
        if (waiter != null) {
          LockSupport.unpark(waiter);
        }
      }
    }

    /** Called by a producer before it publishes up to {@code target} events in all. */
    void expect(int producer, long target) {
      waiters.set(producer, Thread.currentThread());
      targets.set(producer, target);
    }

    /** Parks until {@code target} events of {@code producer} were handled; the checksum then. */
    long await(int producer, long target) {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (handled.get(producer) < target) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException(
              "producer "
                  + producer
                  + ": "
                  + handled.get(producer)
                  + " of "
                  + target
                  + " events handled within "
                  + TIMEOUT);
        }
        LockSupport.parkNanos(this, left);
      }
      return checksum;
    }

    long handled(int producer) {
      return handled.get(producer);
    }

    long checksum() {
      return checksum;
    }
  }

  /** One bus with its counter and every producer's events; shared by the producer threads. */
  public abstract static class Shared {
    final Tick[][] ticks = new Tick[PRODUCERS][PER_PRODUCER];
    final AtomicLongArray published = new AtomicLongArray(PRODUCERS);
    final PerProducerCounter counter = new PerProducerCounter();
    private final long[] roundSums = new long[PRODUCERS];
    Peer peer;

    abstract String name();

    abstract Peer create(TickHandler handler);

    @Setup(Level.Trial)
    public void setUp() {
      for (int p = 0; p < PRODUCERS; p++) {
        for (int i = 0; i < PER_PRODUCER; i++) {
          ticks[p][i] = new Tick(p, 31L * i + 7 + p);
          roundSums[p] += ticks[p][i].payload();
        }
      }
      peer = create(counter);
      try {
        for (int p = 0; p < PRODUCERS; p++) {
          long target = published.addAndGet(p, PER_PRODUCER);
          counter.expect(p, target);
          for (Tick tick : ticks[p]) {
            peer.publishChecked(tick);
          }
        }
        requireAllHandled();
      } catch (RuntimeException failed) {
        peer.close();
        throw failed;
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      try {
        requireAllHandled();
      } finally {
        peer.close();
      }
    }

    /**
     * @throws IllegalStateException unless every published event was handled exactly once
     */
    void requireAllHandled() {
      long rounds = 0;
      for (int p = 0; p < PRODUCERS; p++) {
        counter.await(p, published.get(p));
        if (counter.handled(p) != published.get(p)) {
          throw new IllegalStateException(
              name()
                  + ": producer "
                  + p
                  + " published "
                  + published.get(p)
                  + " but "
                  + counter.handled(p)
                  + " were handled");
        }
        rounds += published.get(p) / PER_PRODUCER;
      }
      long expected = 0;
      for (int p = 0; p < PRODUCERS; p++) {
        expected += published.get(p) / PER_PRODUCER * roundSums[p];
      }
      if (counter.checksum() != expected) {
        throw new IllegalStateException(
            name()
                + ": checksum "
                + counter.checksum()
                + " instead of "
                + expected
                + " after "
                + rounds
                + " producer rounds");
      }
    }

    long produce(int producer) {
      long target = published.addAndGet(producer, PER_PRODUCER);
      counter.expect(producer, target);
      for (Tick tick : ticks[producer]) {
        peer.publish(tick);
      }
      return counter.await(producer, target);
    }
  }

  /** Which producer a benchmark thread is. */
  @State(Scope.Thread)
  public static class Producer {
    int index;

    @Setup(Level.Trial)
    public void setUp(ThreadParams params) {
      index = params.getThreadIndex();
      if (index >= PRODUCERS) {
        throw new IllegalStateException(
            "run with " + PRODUCERS + " threads (-t " + PRODUCERS + "), not more");
      }
    }
  }

  /** The unified bus in {@code ASYNC} mode. */
  @State(Scope.Benchmark)
  public static class UnifiedBus extends Shared {
    @Override
    String name() {
      return "unified";
    }

    @Override
    Peer create(TickHandler handler) {
      return new Unified(handler, 131_072);
    }
  }

  /** Guava's {@code AsyncEventBus}. */
  @State(Scope.Benchmark)
  public static class GuavaBus extends Shared {
    @Override
    String name() {
      return "guavaAsync";
    }

    @Override
    Peer create(TickHandler handler) {
      return new GuavaAsync(handler);
    }
  }

  /** The LMAX Disruptor, multi-producer. */
  @State(Scope.Benchmark)
  public static class DisruptorBus extends Shared {
    @Override
    String name() {
      return "disruptor";
    }

    @Override
    Peer create(TickHandler handler) {
      return new LmaxDisruptor(
          new SlotHandler(handler),
          AsyncThroughputBenchmark.RING_SIZE,
          new BlockingWaitStrategy(),
          ProducerType.MULTI);
    }
  }

  /** A Reactor unicast sink, emitted to by every producer. */
  @State(Scope.Benchmark)
  public static class ReactorBus extends Shared {
    @Override
    String name() {
      return "reactorSink";
    }

    @Override
    Peer create(TickHandler handler) {
      return ReactorSink.multiProducer(handler);
    }
  }

  @Benchmark
  public long unified(UnifiedBus bus, Producer producer) {
    return bus.produce(producer.index);
  }

  @Benchmark
  public long guavaAsync(GuavaBus bus, Producer producer) {
    return bus.produce(producer.index);
  }

  @Benchmark
  public long disruptor(DisruptorBus bus, Producer producer) {
    return bus.produce(producer.index);
  }

  @Benchmark
  public long reactorSink(ReactorBus bus, Producer producer) {
    return bus.produce(producer.index);
  }
}
