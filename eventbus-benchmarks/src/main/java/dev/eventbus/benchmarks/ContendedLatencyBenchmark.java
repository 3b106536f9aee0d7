package dev.eventbus.benchmarks;

import dev.eventbus.api.IdleStrategy;
import dev.eventbus.benchmarks.AsyncLatencyBenchmark.DisruptorBus;
import dev.eventbus.benchmarks.AsyncLatencyBenchmark.GreenrobotBus;
import dev.eventbus.benchmarks.AsyncLatencyBenchmark.GuavaBus;
import dev.eventbus.benchmarks.AsyncLatencyBenchmark.MBassadorBus;
import dev.eventbus.benchmarks.AsyncLatencyBenchmark.ReactorBus;
import dev.eventbus.benchmarks.AsyncLatencyBenchmark.SpringBus;
import dev.eventbus.benchmarks.AsyncPeers.LastSeen;
import dev.eventbus.benchmarks.AsyncPeers.Peer;
import dev.eventbus.benchmarks.AsyncPeers.Unified;
import java.util.ArrayList;
import java.util.List;
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
 * {@link AsyncLatencyBenchmark}'s round trip (publish one event, wait until the handler on the
 * bus's consumer thread has seen it) while as many busy threads as the machine has processors
 * compete for the cores: every bus's consumer must now win a core from them, and a consumer that
 * spins while idle takes one from the publisher. Every peer runs in the same run, with the same
 * buses, handler and checks as {@link AsyncLatencyBenchmark}; the unified bus once per {@link
 * IdleStrategy}.
 *
 * <h2>Method</h2>
 *
 * <ul>
 *   <li>{@link Contention} starts the busy threads at the start of each trial and stops them at its
 *       end. Each runs a loop of integer arithmetic that never blocks, yields or allocates, at
 *       normal priority, so the OS shares the cores between them, the benchmark thread and the
 *       bus's threads.
 *   <li>Mode {@link Mode#SampleTime}; read {@code p0.50}, {@code p0.99}, {@code p0.999}. The tail
 *       is what this workload is about: with more runnable threads than cores, a hand-off may wait
 *       for a scheduler time slice (milliseconds).
 * </ul>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class ContendedLatencyBenchmark {

  /** The busy threads, one per available processor, for the length of a trial. */
  @State(Scope.Benchmark)
  public static class Contention {
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    // Written once per thread at the end (a volatile write), so the loops cannot be removed.
    @SuppressWarnings("unused")
    private volatile long sink;

    @Setup(Level.Trial)
    public void start() {
      running = true;
      int count = Runtime.getRuntime().availableProcessors();
      for (int i = 0; i < count; i++) {
        Thread busy = new Thread(this::burn, "contention-" + i);
        busy.setDaemon(true);
        threads.add(busy);
        busy.start();
      }
    }

    private void burn() {
      long x = Thread.currentThread().getId();
      while (running) {
        for (int i = 0; i < 1_000; i++) {
          x = x * 6364136223846793005L + 1442695040888963407L;
        }
      }
      sink = x;
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
      running = false;
      for (Thread busy : threads) {
        busy.join(TimeUnit.SECONDS.toMillis(10));
      }
      threads.clear();
    }
  }

  /** The unified bus in {@code ASYNC} mode, with each idle strategy. */
  public static class UnifiedBus extends AsyncLatencyBenchmark.UnifiedBus {
    @Param({"BACKOFF", "PARK", "YIELD", "SPIN"})
    public String idleStrategy;

    @Override
    Peer create(LastSeen handler) {
      return new Unified(
          handler, AsyncLatencyBenchmark.UNIFIED_QUEUE_SIZE, IdleStrategy.valueOf(idleStrategy));
    }
  }

  @Benchmark
  public void unified(UnifiedBus bus, Contention busy) {
    bus.handoffs.run(bus.peer);
  }

  @Benchmark
  public void guavaAsync(GuavaBus bus, Contention busy) {
    bus.handoffs.run(bus.peer);
  }

  @Benchmark
  public void disruptor(DisruptorBus bus, Contention busy) {
    bus.handoffs.run(bus.peer);
  }

  @Benchmark
  public void reactorSink(ReactorBus bus, Contention busy) {
    bus.handoffs.run(bus.peer);
  }

  @Benchmark
  public void mbassadorAsync(MBassadorBus bus, Contention busy) {
    bus.handoffs.run(bus.peer);
  }

  @Benchmark
  public void greenrobotBackground(GreenrobotBus bus, Contention busy) {
    bus.handoffs.run(bus.peer);
  }

  @Benchmark
  public void springAsync(SpringBus bus, Contention busy) {
    bus.handoffs.run(bus.peer);
  }
}
