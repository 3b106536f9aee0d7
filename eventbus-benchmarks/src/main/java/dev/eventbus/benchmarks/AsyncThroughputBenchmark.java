package dev.eventbus.benchmarks;

import dev.eventbus.api.IdleStrategy;
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

    /** One measured invocation: publishes every tick through {@code peer} and waits for them. */
    long run(Peer peer) {
      long round = begin();
      for (Tick tick : ticks) {
        peer.publish(tick);
      }
      return await(round);
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

  /**
   * What every bus's state shares: the rounds, the peer built on their counter, a checked round at
   * setup and the exactly-once check at teardown.
   */
  @State(Scope.Thread)
  public abstract static class BusState {
    Rounds rounds;
    Peer peer;

    /** Builds the bus around the counting handler. */
    abstract Peer create(RoundCounter counter);

    /** The benchmark method's name, for failure messages. */
    abstract String name();

    @Setup(Level.Trial)
    public void setUp() {
      rounds = new Rounds();
      peer = create(rounds.counter);
      rounds.check(peer, name());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      try {
        rounds.requireAllHandled(name());
      } finally {
        peer.close();
      }
    }
  }

  /** The unified bus in {@code ASYNC} mode. */
  public static class UnifiedBus extends BusState {
    /** Capacity of the async lane's queue, in deliveries; it blocks the publisher when full. */
    @Param({"131072"})
    public int queueSize;

    /**
     * How the lane's thread waits when its queue runs empty: {@code BACKOFF} (the default), or
     * another {@link IdleStrategy}, as the Disruptor's wait strategies are compared.
     */
    @Param({"BACKOFF"})
    public IdleStrategy idleStrategy;

    @Override
    Peer create(RoundCounter counter) {
      return new Unified(counter, queueSize, idleStrategy);
    }

    @Override
    String name() {
      return "unified";
    }
  }

  /** Guava's {@code AsyncEventBus}. */
  public static class GuavaBus extends BusState {
    @Override
    Peer create(RoundCounter counter) {
      return new GuavaAsync(counter);
    }

    @Override
    String name() {
      return "guavaAsync";
    }
  }

  /** The LMAX Disruptor. */
  public static class DisruptorBus extends BusState {
    /** {@code BLOCKING} or {@code YIELDING}: how the idle consumer waits for events. */
    @Param({"BLOCKING", "YIELDING"})
    public String waitStrategy;

    @Override
    Peer create(RoundCounter counter) {
      return new LmaxDisruptor(counter, RING_SIZE, AsyncPeers.waitStrategy(waitStrategy));
    }

    @Override
    String name() {
      return "disruptor";
    }
  }

  /** A Reactor unicast sink. */
  public static class ReactorBus extends BusState {
    @Override
    Peer create(RoundCounter counter) {
      return new ReactorSink(counter);
    }

    @Override
    String name() {
      return "reactorSink";
    }
  }

  /** MBassador's {@code publishAsync}. */
  public static class MBassadorBus extends BusState {
    @Override
    Peer create(RoundCounter counter) {
      return new MBassadorAsync(counter);
    }

    @Override
    String name() {
      return "mbassadorAsync";
    }
  }

  /** greenrobot EventBus, {@code ThreadMode.BACKGROUND}. */
  public static class GreenrobotBus extends BusState {
    @Override
    Peer create(RoundCounter counter) {
      return new GreenrobotBackground(counter);
    }

    @Override
    String name() {
      return "greenrobotBackground";
    }
  }

  /** Spring's {@code SimpleApplicationEventMulticaster} with a task executor. */
  public static class SpringBus extends BusState {
    @Override
    Peer create(RoundCounter counter) {
      return new SpringAsync(counter);
    }

    @Override
    String name() {
      return "springAsync";
    }
  }

  @Benchmark
  public long unified(UnifiedBus bus) {
    return bus.rounds.run(bus.peer);
  }

  @Benchmark
  public long guavaAsync(GuavaBus bus) {
    return bus.rounds.run(bus.peer);
  }

  @Benchmark
  public long disruptor(DisruptorBus bus) {
    return bus.rounds.run(bus.peer);
  }

  @Benchmark
  public long reactorSink(ReactorBus bus) {
    return bus.rounds.run(bus.peer);
  }

  @Benchmark
  public long mbassadorAsync(MBassadorBus bus) {
    return bus.rounds.run(bus.peer);
  }

  @Benchmark
  public long greenrobotBackground(GreenrobotBus bus) {
    return bus.rounds.run(bus.peer);
  }

  @Benchmark
  public long springAsync(SpringBus bus) {
    return bus.rounds.run(bus.peer);
  }
}
