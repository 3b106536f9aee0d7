package dev.eventbus.benchmarks;

import dev.eventbus.benchmarks.AsyncPeers.GreenrobotBackground;
import dev.eventbus.benchmarks.AsyncPeers.GuavaAsync;
import dev.eventbus.benchmarks.AsyncPeers.LastSeen;
import dev.eventbus.benchmarks.AsyncPeers.LmaxDisruptor;
import dev.eventbus.benchmarks.AsyncPeers.MBassadorAsync;
import dev.eventbus.benchmarks.AsyncPeers.Peer;
import dev.eventbus.benchmarks.AsyncPeers.ReactorSink;
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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Publish-to-handler latency of one event on an otherwise idle asynchronous bus: the unified bus in
 * {@code ASYNC} mode against Guava's {@code AsyncEventBus}, the LMAX Disruptor, a Reactor unicast
 * sink, MBassador's {@code publishAsync}, greenrobot EventBus in {@code BACKGROUND} mode and
 * Spring's {@code SimpleApplicationEventMulticaster} with a task executor, each in its own
 * benchmark method of the same run.
 *
 * <h2>Method</h2>
 *
 * <ul>
 *   <li>An invocation publishes one pre-allocated {@link Tick} from the benchmark thread and ends
 *       when the subscriber, on the bus's consumer thread, has stored that event's sequence in a
 *       single volatile slot ({@link LastSeen}). The benchmark thread waits for it by spinning with
 *       {@link Thread#onSpinWait()} for up to {@link #SPIN} (far longer than any handoff that
 *       works), then by polling with short parks; it fails the iteration after {@link #TIMEOUT}. No
 *       sleeping, and no event is ever in flight when the next is published.
 *   <li>Mode {@link Mode#SampleTime}: JMH times a sample of the invocations and reports their
 *       distribution; read {@code p0.50}, {@code p0.99} and {@code p0.999} from its output. The
 *       time includes the publish call, the handoff to the consumer thread (for buses whose
 *       consumer parks when idle, its wake-up) and the handler, and the benchmark thread's noticing
 *       the slot change.
 *   <li>The consumer is idle before every event, so this is the latency of a bus that is not under
 *       load; {@link AsyncThroughputBenchmark} measures it under load.
 *   <li>Each trial builds a new bus, checks it with {@value #CHECK_EVENTS} handoffs first, and
 *       closes it (threads included) at its end, after checking that every event was handled
 *       exactly once (the sum of their payloads).
 * </ul>
 *
 * <h2>Fairness</h2>
 *
 * <ul>
 *   <li>Every bus calls the same handler ({@link LastSeen}) directly from its own callback: it adds
 *       up the payload and stores the sequence. Only the bus in between differs.
 *   <li>Each bus has one consumer thread of its own; the benchmark thread spins on one core while
 *       the consumer runs on the other (a 2-core machine has no core to spare for anything else).
 *   <li>{@code unified}: one async shard, a queue of {@value #UNIFIED_QUEUE_SIZE} (the default),
 *       overflow {@code BLOCK}, an {@code ASYNC} subscription. {@code guavaAsync}: {@code
 *       AsyncEventBus} on a single-thread executor. {@code disruptor}: ring of {@value
 *       AsyncThroughputBenchmark#RING_SIZE}, single producer, blocking wait strategy (the consumer
 *       parks when idle, like the others) or yielding (it never parks, so it is spared the wake-up
 *       at the cost of a busy core). {@code reactorSink}: a unicast sink through {@code publishOn}
 *       a single-thread scheduler.
 *   <li>{@code mbassadorAsync}: {@code publishAsync}, one dispatcher thread (blocking queue).
 *       {@code greenrobotBackground}: a {@code BACKGROUND} subscriber on a single-thread executor
 *       (its poster waits on a monitor, up to 1 s, for the next event). {@code springAsync}: the
 *       multicaster with a one-thread {@code ThreadPoolTaskExecutor}, one task per event, the
 *       {@code PayloadApplicationEvent} wrapper made once per {@code Tick} and reused. All three
 *       consumers park when idle, as the unified bus's does. The configuration of each is described
 *       in {@link AsyncPeers} and {@link AsyncThroughputBenchmark}.
 * </ul>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class AsyncLatencyBenchmark {

  /** The unified bus's async queue: the default capacity; one event is never queued behind more. */
  static final int UNIFIED_QUEUE_SIZE = 10_000;

  /** Handoffs each trial checks before it is measured. */
  static final int CHECK_EVENTS = 2_048;

  /** How long the benchmark thread spins before it falls back to parking. */
  static final Duration SPIN = Duration.ofMillis(10);

  /** Each park once the spinning is over. */
  static final Duration PARK = Duration.ofNanos(20_000);

  /** How long one invocation may wait for its event before it fails. */
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static final int TICKS = 1_024;

  /** The events and the handler of one trial, for any bus. */
  static final class Handoffs {
    final LastSeen handler = new LastSeen();
    private final Tick[] ticks = new Tick[TICKS];
    private final long spinNanos = SPIN.toNanos();
    private final long parkNanos = PARK.toNanos();
    private final long timeoutNanos = TIMEOUT.toNanos();
    private int next;
    private long handedOff;
    private long payloadSum;

    Handoffs() {
      for (int i = 0; i < TICKS; i++) {
        ticks[i] = new Tick(i, 31L * i + 7);
      }
    }

    /** The next event to publish: never the one the handler saw last. */
    Tick next() {
      next = (next + 1) & (TICKS - 1);
      return ticks[next];
    }

    /** Returns once the handler has seen {@code tick}. */
    void await(Tick tick) {
      handler.awaitSeen(tick.sequence(), spinNanos, parkNanos, timeoutNanos);
      handedOff++;
      payloadSum += tick.payload();
    }

    /** One measured invocation: hands the next tick to {@code peer} and waits until handled. */
    void run(Peer peer) {
      Tick tick = next();
      peer.publish(tick);
      await(tick);
    }

    /** Hands off events outside the measurement, to fail at setup if a bus loses them. */
    void check(Peer peer, String bus) {
      for (int i = 0; i < CHECK_EVENTS; i++) {
        Tick tick = next();
        peer.publishChecked(tick);
        await(tick);
      }
      requireAllHandled(bus);
    }

    /**
     * @throws IllegalStateException unless every event was handled exactly once
     */
    void requireAllHandled(String bus) {
      long checksum = handler.checksum();
      if (checksum != payloadSum) {
        throw new IllegalStateException(
            bus
                + ": checksum "
                + checksum
                + " after "
                + handedOff
                + " handoffs instead of "
                + payloadSum);
      }
    }
  }

  /**
   * What every bus's state shares: the hand-offs, the peer built on their handler, a checked
   * hand-off at setup and the every-event-handled check at teardown.
   */
  @State(Scope.Thread)
  public abstract static class BusState {
    Handoffs handoffs;
    Peer peer;

    /** Builds the bus around the recording handler. */
    abstract Peer create(LastSeen handler);

    /** The benchmark method's name, for failure messages. */
    abstract String name();

    @Setup(Level.Trial)
    public void setUp() {
      handoffs = new Handoffs();
      peer = create(handoffs.handler);
      handoffs.check(peer, name());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      try {
        handoffs.requireAllHandled(name());
      } finally {
        peer.close();
      }
    }
  }

  /** The unified bus in {@code ASYNC} mode. */
  public static class UnifiedBus extends BusState {
    @Override
    Peer create(LastSeen handler) {
      return new Unified(handler, UNIFIED_QUEUE_SIZE);
    }

    @Override
    String name() {
      return "unified";
    }
  }

  /** Guava's {@code AsyncEventBus}. */
  public static class GuavaBus extends BusState {
    @Override
    Peer create(LastSeen handler) {
      return new GuavaAsync(handler);
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
    Peer create(LastSeen handler) {
      return new LmaxDisruptor(
          handler, AsyncThroughputBenchmark.RING_SIZE, AsyncPeers.waitStrategy(waitStrategy));
    }

    @Override
    String name() {
      return "disruptor";
    }
  }

  /** A Reactor unicast sink. */
  public static class ReactorBus extends BusState {
    @Override
    Peer create(LastSeen handler) {
      return new ReactorSink(handler);
    }

    @Override
    String name() {
      return "reactorSink";
    }
  }

  /** MBassador's {@code publishAsync}. */
  public static class MBassadorBus extends BusState {
    @Override
    Peer create(LastSeen handler) {
      return new MBassadorAsync(handler);
    }

    @Override
    String name() {
      return "mbassadorAsync";
    }
  }

  /** greenrobot EventBus, {@code ThreadMode.BACKGROUND}. */
  public static class GreenrobotBus extends BusState {
    @Override
    Peer create(LastSeen handler) {
      return new GreenrobotBackground(handler);
    }

    @Override
    String name() {
      return "greenrobotBackground";
    }
  }

  /** Spring's {@code SimpleApplicationEventMulticaster} with a task executor. */
  public static class SpringBus extends BusState {
    @Override
    Peer create(LastSeen handler) {
      return new SpringAsync(handler);
    }

    @Override
    String name() {
      return "springAsync";
    }
  }

  @Benchmark
  public void unified(UnifiedBus bus) {
    bus.handoffs.run(bus.peer);
  }

  @Benchmark
  public void guavaAsync(GuavaBus bus) {
    bus.handoffs.run(bus.peer);
  }

  @Benchmark
  public void disruptor(DisruptorBus bus) {
    bus.handoffs.run(bus.peer);
  }

  @Benchmark
  public void reactorSink(ReactorBus bus) {
    bus.handoffs.run(bus.peer);
  }

  @Benchmark
  public void mbassadorAsync(MBassadorBus bus) {
    bus.handoffs.run(bus.peer);
  }

  @Benchmark
  public void greenrobotBackground(GreenrobotBus bus) {
    bus.handoffs.run(bus.peer);
  }

  @Benchmark
  public void springAsync(SpringBus bus) {
    bus.handoffs.run(bus.peer);
  }
}
