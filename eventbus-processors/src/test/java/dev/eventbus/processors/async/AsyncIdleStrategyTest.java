package dev.eventbus.processors.async;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.AsyncConfig;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.IdleStrategy;
import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every idle strategy delivers, and leaves an idle bus's threads parked: after a burst, the lanes'
 * threads use under 1 % of a core over the next second. CPU time is what the JVM reports per thread
 * ({@link ThreadMXBean#getThreadCpuTime}), so a loaded machine slows the test but does not make an
 * idle thread look busy.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AsyncIdleStrategyTest {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  @ParameterizedTest
  @EnumSource(IdleStrategy.class)
  void afterABurst_anIdleBusUsesUnderOnePercentOfACore(IdleStrategy strategy) throws Exception {
    assertThat(THREADS.isThreadCpuTimeSupported()).isTrue();
    THREADS.setThreadCpuTimeEnabled(true);
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    UnifiedEventBus bus =
        EventBusFactory.createWithConfig(
            EventBusConfig.builder()
                .defaultMode(ProcessingMode.ASYNC)
                .async(
                    AsyncConfig.builder()
                        .shards(2)
                        .queueSize(10_000)
                        .overflowPolicy(OverflowPolicy.BLOCK)
                        .idleStrategy(strategy)
                        .build())
                .build());
    try {
      int events = 10_000;
      CountDownLatch handled = new CountDownLatch(events);
      AtomicInteger sum = new AtomicInteger();
      bus.subscribe(
          Integer.class,
          event -> {
            sum.addAndGet(event);
            handled.countDown();
          });
      for (int i = 0; i < events; i++) {
        bus.publish(i);
      }
      assertThat(handled.await(20, TimeUnit.SECONDS)).isTrue();
      assertThat(sum.get()).isEqualTo(events * (events - 1) / 2);

      List<Long> laneThreads = laneThreadsStartedSince(before);
      assertThat(laneThreads).as("the bus's lane threads").isNotEmpty();
      // Well past idleSpin (50 µs): every lane has stopped waiting and parked.
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
      long cpuBefore = cpuNanos(laneThreads);
      long wallBefore = System.nanoTime();
      LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
      long wall = System.nanoTime() - wallBefore;
      long cpu = cpuNanos(laneThreads) - cpuBefore;

      assertThat(cpu)
          .as("CPU time of the idle lanes over %s ms", TimeUnit.NANOSECONDS.toMillis(wall))
          .isLessThan(wall / 100);
    } finally {
      bus.stop(Duration.ofSeconds(5));
    }
  }

  /**
   * The threads of this bus's ASYNC processor (its own scheduler names them after the lanes): those
   * not there before it was built, so no other test's bus counts.
   */
  private static List<Long> laneThreadsStartedSince(Set<Thread> before) {
    List<Long> ids = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (!before.contains(thread) && thread.getName().startsWith("eventbus-async")) {
        ids.add(thread.getId());
      }
    }
    return ids;
  }

  private static long cpuNanos(List<Long> threads) {
    long total = 0;
    for (long id : threads) {
      long cpu = THREADS.getThreadCpuTime(id);
      if (cpu > 0) {
        total += cpu;
      }
    }
    return total;
  }
}
