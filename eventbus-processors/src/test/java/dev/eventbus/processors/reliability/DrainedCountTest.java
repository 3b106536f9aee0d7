package dev.eventbus.processors.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.AdaptiveConfig;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.ShutdownReport;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link ShutdownReport#drained()} counts the deliveries a stop waited for, in ASYNC and in
 * ADAPTIVE once it has chosen ASYNC (where it read 0 before, because the adaptive lane's timed
 * tasks did not count their deliveries). Five deliveries of 100 ms each are queued when the stop
 * begins; all but those that finish before the stop takes its baseline are drained.
 */
class DrainedCountTest {

  @ParameterizedTest
  @EnumSource(
      value = ProcessingMode.class,
      names = {"ASYNC", "ADAPTIVE"})
  void deliveriesTheStopWaitedFor_areCountedAsDrained(ProcessingMode mode) throws Exception {
    UnifiedEventBus bus =
        EventBusFactory.builder()
            .config(
                EventBusConfig.builder()
                    .adaptive(
                        AdaptiveConfig.builder()
                            .window(Duration.ofMillis(1))
                            .stableWindows(1)
                            .asyncLatencyThreshold(Duration.ofNanos(1))
                            .batchRateThreshold(1e12)
                            .build())
                    .build())
            .build();
    Thread publisher = Thread.currentThread();
    CountDownLatch started = new CountDownLatch(1);
    AtomicInteger queuedHandled = new AtomicInteger();
    AtomicBoolean probeRanOffThePublisher = new AtomicBoolean();
    Subscription subscription =
        bus.subscribe(
            Integer.class,
            event -> {
              if (event == 0 && Thread.currentThread() != publisher) {
                probeRanOffThePublisher.set(true); // the adaptive subscription runs ASYNC now
              }
              if (event != 0 && Thread.currentThread() != publisher) {
                started.countDown();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100)); // the handler's work
                queuedHandled.incrementAndGet();
              }
            },
            SubscriptionOptions.mode(mode));
    if (mode == ProcessingMode.ADAPTIVE) {
      Poll.until(
          () -> {
            try {
              // Runs on this thread until the processor chooses ASYNC; each is finished before the
              // next.
              assertThat(bus.publishAsync(0).get(10, TimeUnit.SECONDS).delivered()).isEqualTo(1);
            } catch (Exception e) {
              throw new AssertionError(e);
            }
            return probeRanOffThePublisher.get();
          },
          Duration.ofSeconds(10),
          () -> "the adaptive subscription to go ASYNC");
    }
    for (int i = 1; i <= 5; i++) {
      bus.publish(i);
    }

    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    ShutdownReport report = bus.stop(Duration.ofSeconds(10));

    assertThat(report.completedInTime()).isTrue();
    assertThat(queuedHandled.get()).isEqualTo(5);
    assertThat(report.drained()).isBetween(1L, 5L);
  }

  /**
   * A delivery whose handler fails for good also ran while the stop waited: it counts as drained
   * like a delivered one (it did not count before: the final failure skipped the lane's count).
   */
  @Test
  void failedDeliveriesTheStopWaitedFor_areCountedAsDrained() throws Exception {
    UnifiedEventBus bus = EventBusFactory.builder().build();
    CountDownLatch started = new CountDownLatch(1);
    AtomicInteger failedCalls = new AtomicInteger();
    bus.subscribe(
        Integer.class,
        event -> {
          started.countDown();
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
          failedCalls.incrementAndGet();
          throw new IllegalStateException("handler fails for event " + event);
        },
        SubscriptionOptions.builder()
            .mode(ProcessingMode.ASYNC)
            .retryPolicy(RetryPolicy.none())
            .build());
    for (int i = 1; i <= 5; i++) {
      bus.publish(i);
    }

    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    ShutdownReport report = bus.stop(Duration.ofSeconds(10));

    assertThat(report.completedInTime()).isTrue();
    assertThat(failedCalls.get()).isEqualTo(5);
    assertThat(report.drained()).isBetween(1L, 5L);
  }
}
