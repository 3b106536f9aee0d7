package dev.eventbus.processors.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.BatchConfig;
import dev.eventbus.api.DeadLetterQueue;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.HandlerFailure;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import dev.eventbus.testkit.JumpingClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * What a wall-clock jump does. The bus's {@link Clock} ({@code EventBusBuilder#clock}) only stamps:
 * envelopes and dead letters, stored events and completions, and the horizon of pruning completed
 * durable deliveries. Every timer (async and batch retry backoff, batch intervals, stop deadlines,
 * adaptive windows) runs on {@link System#nanoTime()} or a Reactor scheduler, and synchronous retry
 * backoff on the engine's sleeper (tested in eventbus-core: {@code SyncRetryBackoffTest}); so a
 * jumping clock changes stamps and nothing else.
 */
class ClockJumpTest {

  @Test
  void deadLetters_keepArrivalOrder_andReplay_whateverTheirStamps() {
    UnifiedEventBus bus = EventBusFactory.builder().clock(new JumpingClock()).build();
    AtomicInteger healthy = new AtomicInteger();
    boolean[] broken = {true};
    bus.subscribe(
        Integer.class,
        event -> {
          if (broken[0]) {
            throw new IllegalStateException("down");
          }
          healthy.incrementAndGet();
        });
    for (int i = 0; i < 4; i++) {
      bus.publish(i);
    }
    DeadLetterQueue letters = bus.deadLetters().orElseThrow();

    assertThat(letters.list()).extracting(letter -> letter.event()).containsExactly(0, 1, 2, 3);
    List<Instant> stamps = letters.list().stream().map(HandlerFailure::failedAt).toList();
    assertThat(stamps).as("the stamps jump about").isNotEqualTo(stamps.stream().sorted().toList());

    broken[0] = false;
    assertThat(letters.replayAll().redelivered()).isEqualTo(4);
    assertThat(healthy.get()).isEqualTo(4);
    assertThat(letters.size()).isZero();
    bus.stop(Duration.ofSeconds(5));
  }

  @Test
  void asyncRetryBackoff_waitsItsRealDelay_whateverTheClockSays() throws Exception {
    UnifiedEventBus bus = EventBusFactory.builder().clock(new JumpingClock()).build();
    AtomicInteger attempts = new AtomicInteger();
    List<Long> attemptNanos = Collections.synchronizedList(new ArrayList<>());
    bus.subscribe(
        Integer.class,
        event -> {
          attemptNanos.add(System.nanoTime());
          if (attempts.incrementAndGet() < 3) {
            throw new IllegalStateException("not yet");
          }
        },
        SubscriptionOptions.builder()
            .mode(ProcessingMode.ASYNC)
            .retryPolicy(RetryPolicy.fixed(3, Duration.ofMillis(50)))
            .build());

    PublishResult result = bus.publishAsync(1).get(10, TimeUnit.SECONDS);

    assertThat(result.delivered()).isEqualTo(1);
    assertThat(attemptNanos).hasSize(3);
    for (int i = 1; i < 3; i++) {
      assertThat(Duration.ofNanos(attemptNanos.get(i) - attemptNanos.get(i - 1)))
          .as("backoff before attempt %d", i + 1)
          .isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }
    assertThat(bus.stats().retried()).isEqualTo(2);
    bus.stop(Duration.ofSeconds(5));
  }

  @Test
  void aPartialBatch_flushesAfterItsIntervalOfRealTime_whateverTheClockSays() throws Exception {
    Duration interval = Duration.ofMillis(50);
    UnifiedEventBus bus =
        EventBusFactory.builder()
            .clock(new JumpingClock())
            .config(
                EventBusConfig.builder()
                    .batch(
                        BatchConfig.builder()
                            .adaptiveBatching(false)
                            .defaultBatchSize(100)
                            .batchInterval(interval)
                            .build())
                    .build())
            .build();
    AtomicLong handledAt = new AtomicLong();
    bus.subscribe(
        Integer.class,
        event -> handledAt.set(System.nanoTime()),
        SubscriptionOptions.mode(ProcessingMode.BATCH));

    long published = System.nanoTime();
    assertThat(bus.publishAsync(1).get(10, TimeUnit.SECONDS).delivered()).isEqualTo(1);

    assertThat(Duration.ofNanos(handledAt.get() - published)).isGreaterThanOrEqualTo(interval);
    bus.stop(Duration.ofSeconds(5));
  }
}
