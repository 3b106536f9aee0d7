package dev.eventbus.benchmarks;

import dev.eventbus.api.AsyncConfig;
import dev.eventbus.api.BatchEventHandler;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.EventHandler;
import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
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
 * {@code ADAPTIVE} against each fixed mode on the load phases it must handle, one benchmark method
 * per phase, each with the metric that phase is judged by (issue 18's target: {@code ADAPTIVE}
 * within 20% of the best fixed mode on every phase). One subscriber, one publishing thread, a new
 * bus per trial; {@code mode} is the subscription's mode.
 *
 * <ul>
 *   <li>{@link #lowRateHandlerLatency}: about 1,000 events/s to a cheap handler; an invocation is
 *       one publish and the wait until the handler has seen it (publish-to-handler latency).
 *   <li>{@link #lowRateSlowHandlerPublisherLatency}: about 1,000 events/s to a handler that spins
 *       {@value #SLOW_HANDLER_MICROS} µs; an invocation is the publish call alone (how long the
 *       publisher is held).
 *   <li>{@link #floodThroughput}: {@value #FLOOD_EVENTS} events as fast as the bus takes them, to a
 *       cheap handler; events per second, all handled.
 *   <li>{@link #floodWithPerCallCostThroughput}: the same to a {@link BatchEventHandler} that spins
 *       {@value #PER_CALL_MICROS} µs per call (a round trip to a database, say), whatever the batch
 *       holds.
 *   <li>{@link #expensiveBatchHandlerThroughput}: {@value #EXPENSIVE_EVENTS} events to a {@link
 *       BatchEventHandler} that spins {@value #EXPENSIVE_CALL_MICROS} µs per call: the case where
 *       the rate on the publisher's thread is what the handler lets through.
 *   <li>{@link #afterFloodHandlerLatency}: each iteration first floods the bus with {@value
 *       #FLOOD_EVENTS} events, then measures as {@link #lowRateHandlerLatency} for one second: the
 *       latency in the first second after the load falls.
 * </ul>
 *
 * Run: {@code java -jar eventbus-benchmarks/target/benchmarks.jar AdaptivePhasesBenchmark}.
 */
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AdaptivePhasesBenchmark {

  static final int SLOW_HANDLER_MICROS = 200;
  static final int PER_CALL_MICROS = 20;
  static final int EXPENSIVE_CALL_MICROS = 150;
  static final int FLOOD_EVENTS = 100_000;
  static final int EXPENSIVE_EVENTS = 10_000;
  static final long LOW_RATE_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

  /** An event: its sequence number. */
  public record Tick(long sequence) {}

  /** Spins for {@code micros}: work that holds the thread, as a real handler does. */
  static void spin(long micros) {
    long end = System.nanoTime() + micros * 1_000;
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }

  /** Waits until {@code counter} reaches {@code target}; fails after {@link #TIMEOUT_NANOS}. */
  static void awaitCount(AtomicLong counter, long target) {
    long deadline = System.nanoTime() + TIMEOUT_NANOS;
    int spins = 0;
    while (counter.get() < target) {
      if (++spins < 10_000) {
        Thread.onSpinWait();
      } else {
        LockSupport.parkNanos(10_000);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "handled " + counter.get() + " of " + target + " events in 60 s");
      }
    }
  }

  /** Waits until {@code gapNanos} after {@code since}, spinning: paces a low rate. */
  static long paceAfter(long since, long gapNanos) {
    long next = since + gapNanos;
    long now;
    while ((now = System.nanoTime()) < next) {
      Thread.onSpinWait();
    }
    return now;
  }

  /** A bus with one subscription of the benchmark's mode and a count of handled events. */
  @State(Scope.Thread)
  public abstract static class Bus {
    @Param({"ADAPTIVE", "SYNC", "ASYNC", "BATCH"})
    public ProcessingMode mode;

    final AtomicLong handled = new AtomicLong();
    UnifiedEventBus bus;
    long published;
    long lastPublish;

    abstract EventHandler<Tick> handler();

    @Setup(Level.Trial)
    public void start() {
      bus =
          EventBusFactory.createWithConfig(
              EventBusConfig.builder()
                  .async(
                      AsyncConfig.builder()
                          .shards(1)
                          .queueSize(131_072)
                          .overflowPolicy(OverflowPolicy.BLOCK)
                          .blockTimeout(Duration.ofSeconds(60))
                          .build())
                  .build());
      bus.subscribe(Tick.class, handler(), SubscriptionOptions.mode(mode));
    }

    /** Publishes {@code count} events as fast as the bus takes them, and waits for them all. */
    void flood(int count) {
      for (int i = 0; i < count; i++) {
        bus.publish(new Tick(published++));
      }
      awaitCount(handled, published);
    }

    @TearDown(Level.Trial)
    public void stop() {
      awaitCount(handled, published);
      bus.stop(Duration.ofSeconds(10));
      if (handled.get() != published) {
        throw new IllegalStateException("handled " + handled.get() + " of " + published);
      }
    }
  }

  /** A handler that only counts. */
  @State(Scope.Thread)
  public static class Cheap extends Bus {
    @Override
    EventHandler<Tick> handler() {
      return tick -> handled.incrementAndGet();
    }
  }

  /** {@link Cheap} at about 1,000 events/s: each invocation waits its turn, untimed. */
  @State(Scope.Thread)
  public static class LowRate extends Cheap {
    @Setup(Level.Invocation)
    public void pace() {
      lastPublish = paceAfter(lastPublish, LOW_RATE_GAP_NANOS);
    }
  }

  /** Like {@link LowRate}, flooded at the start of every iteration. */
  @State(Scope.Thread)
  public static class AfterFlood extends LowRate {
    @Setup(Level.Iteration)
    public void floodFirst() {
      flood(FLOOD_EVENTS);
      lastPublish = System.nanoTime();
    }
  }

  /** A handler that spins {@value #SLOW_HANDLER_MICROS} µs per event, at about 1,000 events/s. */
  @State(Scope.Thread)
  public static class Slow extends Bus {
    @Override
    EventHandler<Tick> handler() {
      return tick -> {
        spin(SLOW_HANDLER_MICROS);
        handled.incrementAndGet();
      };
    }

    @Setup(Level.Invocation)
    public void pace() {
      lastPublish = paceAfter(lastPublish, LOW_RATE_GAP_NANOS);
    }
  }

  /** A batch handler that costs {@value #PER_CALL_MICROS} µs per call. */
  @State(Scope.Thread)
  public static class PerCallCost extends Bus {
    @Override
    EventHandler<Tick> handler() {
      return (BatchEventHandler<Tick>)
          (List<Tick> batch) -> {
            spin(PER_CALL_MICROS);
            handled.addAndGet(batch.size());
          };
    }
  }

  /** A batch handler that costs {@value #EXPENSIVE_CALL_MICROS} µs per call. */
  @State(Scope.Thread)
  public static class Expensive extends Bus {
    @Override
    EventHandler<Tick> handler() {
      return (BatchEventHandler<Tick>)
          (List<Tick> batch) -> {
            spin(EXPENSIVE_CALL_MICROS);
            handled.addAndGet(batch.size());
          };
    }
  }

  /** One publish and the wait for its handling (the pacing is the state's, untimed). */
  private static void roundTrip(Bus state) {
    long target = state.published + 1;
    state.bus.publish(new Tick(state.published++));
    awaitCount(state.handled, target);
  }

  /**
   * Low rate, cheap handler: publish-to-handler latency.
   *
   * @param state the bus
   */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void lowRateHandlerLatency(LowRate state) {
    roundTrip(state);
  }

  /**
   * Low rate, slow handler: how long the publish call holds the publisher.
   *
   * @param state the bus
   */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void lowRateSlowHandlerPublisherLatency(Slow state) {
    state.bus.publish(new Tick(state.published++));
  }

  /**
   * A flood to a cheap handler: events per second, all handled.
   *
   * @param state the bus
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(FLOOD_EVENTS)
  public void floodThroughput(Cheap state) {
    state.flood(FLOOD_EVENTS);
  }

  /**
   * A flood to a batch handler with a cost per call: events per second, all handled.
   *
   * @param state the bus
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(FLOOD_EVENTS)
  public void floodWithPerCallCostThroughput(PerCallCost state) {
    state.flood(FLOOD_EVENTS);
  }

  /**
   * An expensive batch handler: events per second, all handled.
   *
   * @param state the bus
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(EXPENSIVE_EVENTS)
  public void expensiveBatchHandlerThroughput(Expensive state) {
    state.flood(EXPENSIVE_EVENTS);
  }

  /**
   * The first second after a flood: publish-to-handler latency at a low rate.
   *
   * @param state the bus, flooded at the start of the iteration
   */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void afterFloodHandlerLatency(AfterFlood state) {
    roundTrip(state);
  }
}
