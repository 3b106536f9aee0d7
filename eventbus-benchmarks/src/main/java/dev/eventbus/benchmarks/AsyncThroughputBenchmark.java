package dev.eventbus.benchmarks;

import dev.eventbus.benchmarks.AsyncPeers.GreenrobotBackground;
import dev.eventbus.benchmarks.AsyncPeers.GuavaAsync;
import dev.eventbus.benchmarks.AsyncPeers.LmaxDisruptor;
import dev.eventbus.benchmarks.AsyncPeers.MBassadorAsync;
import dev.eventbus.benchmarks.AsyncPeers.Peer;
import dev.eventbus.benchmarks.AsyncPeers.ReactorSink;
import dev.eventbus.benchmarks.AsyncPeers.RoundCounter;
import dev.eventbus.benchmarks.AsyncPeers.SpringAsync;
import dev.eventbus.benchmarks.AsyncPeers.Tick;
import dev.eventbus.benchmarks.AsyncPeers.Unified;
import java.time.Duration;
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
 * Sustained asynchronous throughput: one producer thread publishes {@value #EVENTS} events to one
 * asynchronous subscriber, and an invocation ends only when the subscriber has handled all of them.
 * The unified bus in {@code ASYNC} mode is measured against Guava's {@code AsyncEventBus}, the LMAX
 * Disruptor, a Reactor unicast sink, MBassador's {@code publishAsync}, greenrobot EventBus in
 * {@code BACKGROUND} mode and Spring's {@code SimpleApplicationEventMulticaster} with a task
 * executor, each in its own benchmark method of the same run.
 *
 * <h2>Method</h2>
 *
 * <ul>
 *   <li>An invocation publishes the same {@value #EVENTS} pre-allocated {@link Tick}s in order from
 *       the benchmark thread, then parks (no spinning, no sleep) until the handler has counted the
 *       last of them. It fails if that takes more than {@link #ROUND_TIMEOUT}: an event lost or
 *       refused would otherwise stall the run or flatter the bus.
 *   <li>{@link OperationsPerInvocation} is {@value #EVENTS}, so JMH's score is events per second
 *       from publish to handled, and {@code -prof gc}'s {@code gc.alloc.rate.norm} is bytes per
 *       event, counted over every thread of the JVM (consumer threads included).
 *   <li>Each bus runs its subscriber on one consumer thread of its own, so on a 2-core machine the
 *       producer and the consumer each have a core. Only the bus of the method being run exists in
 *       its fork: the others are never built.
 *   <li>Every trial builds a new bus and closes it (threads included) at its end, after checking
 *       that every published event was handled exactly once (the sum of their payloads).
 *   <li>Warm up for at least 10 s (the default 5 × 2 s): on a 2-core machine the unified bus ran at
 *       a quarter of its final rate for the first 6 to 8 s of a fork.
 * </ul>
 *
 * <h2>Fairness</h2>
 *
 * <ul>
 *   <li>Every bus calls the same handler ({@link RoundCounter}) directly from its own callback: it
 *       adds up the payload and counts the event. Only the bus in between differs.
 *   <li>{@code unified}: {@code EventBusFactory.createWithConfig} with one async shard (one ordered
 *       lane, one worker), a queue of {@link UnifiedBus#queueSize} deliveries (by default more than
 *       one invocation publishes, so the producer never waits for room) and overflow {@code BLOCK};
 *       the subscription is {@code ASYNC}.
 *   <li>{@code guavaAsync}: {@code AsyncEventBus} on a single-thread executor (unbounded queue).
 *   <li>{@code disruptor}: ring of {@value #RING_SIZE} slots, single producer, with the blocking
 *       (the consumer parks when idle, as the other buses' threads do) or the yielding wait
 *       strategy (the consumer never parks: it keeps a core busy, which a 2-core machine can just
 *       afford here). Its producer waits for room when the ring is full.
 *   <li>{@code reactorSink}: {@code Sinks.many().unicast().onBackpressureBuffer()} (unbounded)
 *       through {@code publishOn} a single-thread scheduler.
 *   <li>{@code mbassadorAsync}: MBassador {@code publishAsync} with one dispatcher thread (its
 *       default is two) taking from its unbounded queue and calling the handler itself; the
 *       listener held strongly (its default is weakly).
 *   <li>{@code greenrobotBackground}: greenrobot EventBus (plain Java, default settings) with a
 *       {@code ThreadMode.BACKGROUND} subscriber and a single-thread executor: its background
 *       poster delivers in order from one thread. Setup checks the subscriber runs off the
 *       producer.
 *   <li>{@code springAsync}: {@code SimpleApplicationEventMulticaster} whose task executor is a
 *       {@code ThreadPoolTaskExecutor} of one thread (unbounded queue): one task per event. The
 *       event it multicasts is the {@code PayloadApplicationEvent} that {@code
 *       publishEvent(Object)} would make; the peer makes one per {@code Tick} on first use and
 *       reuses it, as every other bus is handed pre-allocated events, so Spring is not charged for
 *       the wrapper.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(AsyncThroughputBenchmark.EVENTS)
@Fork(2)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class AsyncThroughputBenchmark {

  /** Events per invocation. */
  public static final int EVENTS = 100_000;

  /** The Disruptor's ring size. */
  public static final int RING_SIZE = 65_536;

  /** How long one invocation may wait for its events to be handled before it fails. */
  static final Duration ROUND_TIMEOUT = Duration.ofSeconds(10);

  /** The events of one invocation, and the handler that counts them, for any bus. */
  static final class Rounds {
    final Tick[] ticks = new Tick[EVENTS];
    final RoundCounter counter = new RoundCounter(EVENTS);
    private final long payloadSum;
    private long published;

    Rounds() {
      long sum = 0;
      for (int i = 0; i < EVENTS; i++) {
        ticks[i] = new Tick(i, 31L * i + 7);
        sum += ticks[i].payload();
      }
      payloadSum = sum;
    }

    /** Called before an invocation publishes: the round it will wait for. */
    long begin() {
      counter.expectWaiter();
      return ++published;
    }

    long await(long round) {
      return counter.awaitRounds(round, ROUND_TIMEOUT);
    }

    /**
     * Runs one round outside the measurement, through {@link Peer#publishChecked}, to fail at setup
     * if a bus loses, duplicates or refuses events.
     */
    void check(Peer peer, String bus) {
      long round = begin();
      for (Tick tick : ticks) {
        peer.publishChecked(tick);
      }
      await(round);
      requireAllHandled(bus);
    }

    /**
     * @throws IllegalStateException unless every published event was handled exactly once
     */
    void requireAllHandled(String bus) {
      long checksum = counter.awaitRounds(published, ROUND_TIMEOUT);
      long rounds = counter.rounds();
      if (rounds != published || checksum != published * payloadSum) {
        throw new IllegalStateException(
            bus
                + ": "
                + published
                + " rounds published but "
                + rounds
                + " handled, checksum "
                + checksum
                + " instead of "
                + published * payloadSum);
      }
    }
  }

  /** The unified bus in {@code ASYNC} mode. */
  @State(Scope.Thread)
  public static class UnifiedBus {
    /** Capacity of the async lane's queue, in deliveries; it blocks the publisher when full. */
    @Param({"131072"})
    public int queueSize;

    Rounds rounds;
    Unified peer;

    @Setup(Level.Trial)
    public void setUp() {
      rounds = new Rounds();
      peer = new Unified(rounds.counter, queueSize);
      rounds.check(peer, "unified");
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

  /** Guava's {@code AsyncEventBus}. */
  @State(Scope.Thread)
  public static class GuavaBus {
    Rounds rounds;
    GuavaAsync peer;

    @Setup(Level.Trial)
    public void setUp() {
      rounds = new Rounds();
      peer = new GuavaAsync(rounds.counter);
      rounds.check(peer, "guavaAsync");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      try {
        rounds.requireAllHandled("guavaAsync");
      } finally {
        peer.close();
      }
    }
  }

  /** The LMAX Disruptor. */
  @State(Scope.Thread)
  public static class DisruptorBus {
    /** {@code BLOCKING} or {@code YIELDING}: how the idle consumer waits for events. */
    @Param({"BLOCKING", "YIELDING"})
    public String waitStrategy;

    Rounds rounds;
    LmaxDisruptor peer;

    @Setup(Level.Trial)
    public void setUp() {
      rounds = new Rounds();
      peer = new LmaxDisruptor(rounds.counter, RING_SIZE, AsyncPeers.waitStrategy(waitStrategy));
      rounds.check(peer, "disruptor");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      try {
        rounds.requireAllHandled("disruptor");
      } finally {
        peer.close();
      }
    }
  }

  /** A Reactor unicast sink. */
  @State(Scope.Thread)
  public static class ReactorBus {
    Rounds rounds;
    ReactorSink peer;

    @Setup(Level.Trial)
    public void setUp() {
      rounds = new Rounds();
      peer = new ReactorSink(rounds.counter);
      rounds.check(peer, "reactorSink");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      try {
        rounds.requireAllHandled("reactorSink");
      } finally {
        peer.close();
      }
    }
  }

  /** MBassador's {@code publishAsync}. */
  @State(Scope.Thread)
  public static class MBassadorBus {
    Rounds rounds;
    MBassadorAsync peer;

    @Setup(Level.Trial)
    public void setUp() {
      rounds = new Rounds();
      peer = new MBassadorAsync(rounds.counter);
      rounds.check(peer, "mbassadorAsync");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      try {
        rounds.requireAllHandled("mbassadorAsync");
      } finally {
        peer.close();
      }
    }
  }

  /** greenrobot EventBus, {@code ThreadMode.BACKGROUND}. */
  @State(Scope.Thread)
  public static class GreenrobotBus {
    Rounds rounds;
    GreenrobotBackground peer;

    @Setup(Level.Trial)
    public void setUp() {
      rounds = new Rounds();
      peer = new GreenrobotBackground(rounds.counter);
      rounds.check(peer, "greenrobotBackground");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      try {
        rounds.requireAllHandled("greenrobotBackground");
      } finally {
        peer.close();
      }
    }
  }

  /** Spring's {@code SimpleApplicationEventMulticaster} with a task executor. */
  @State(Scope.Thread)
  public static class SpringBus {
    Rounds rounds;
    SpringAsync peer;

    @Setup(Level.Trial)
    public void setUp() {
      rounds = new Rounds();
      peer = new SpringAsync(rounds.counter);
      rounds.check(peer, "springAsync");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      try {
        rounds.requireAllHandled("springAsync");
      } finally {
        peer.close();
      }
    }
  }

  @Benchmark
  public long unified(UnifiedBus bus) {
    Rounds rounds = bus.rounds;
    long round = rounds.begin();
    for (Tick tick : rounds.ticks) {
      bus.peer.publish(tick);
    }
    return rounds.await(round);
  }

  @Benchmark
  public long guavaAsync(GuavaBus bus) {
    Rounds rounds = bus.rounds;
    long round = rounds.begin();
    for (Tick tick : rounds.ticks) {
      bus.peer.publish(tick);
    }
    return rounds.await(round);
  }

  @Benchmark
  public long disruptor(DisruptorBus bus) {
    Rounds rounds = bus.rounds;
    long round = rounds.begin();
    for (Tick tick : rounds.ticks) {
      bus.peer.publish(tick);
    }
    return rounds.await(round);
  }

  @Benchmark
  public long reactorSink(ReactorBus bus) {
    Rounds rounds = bus.rounds;
    long round = rounds.begin();
    for (Tick tick : rounds.ticks) {
      bus.peer.publish(tick);
    }
    return rounds.await(round);
  }

  @Benchmark
  public long mbassadorAsync(MBassadorBus bus) {
    Rounds rounds = bus.rounds;
    long round = rounds.begin();
    for (Tick tick : rounds.ticks) {
      bus.peer.publish(tick);
    }
    return rounds.await(round);
  }

  @Benchmark
  public long greenrobotBackground(GreenrobotBus bus) {
    Rounds rounds = bus.rounds;
    long round = rounds.begin();
    for (Tick tick : rounds.ticks) {
      bus.peer.publish(tick);
    }
    return rounds.await(round);
  }

  @Benchmark
  public long springAsync(SpringBus bus) {
    Rounds rounds = bus.rounds;
    long round = rounds.begin();
    for (Tick tick : rounds.ticks) {
      bus.peer.publish(tick);
    }
    return rounds.await(round);
  }
}
