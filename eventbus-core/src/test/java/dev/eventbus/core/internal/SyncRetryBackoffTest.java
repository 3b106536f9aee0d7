package dev.eventbus.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.PublishResult;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.testkit.JumpingClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A synchronous retry waits on the publisher's thread, through the engine's sleeper: never through
 * the bus's clock, which only stamps failures.
 */
class SyncRetryBackoffTest {

  private static SubscriptionOptions retrying(RetryPolicy policy) {
    return SubscriptionOptions.builder().retryPolicy(policy).build();
  }

  @Test
  void retryWaits_goThroughTheSleeper_whateverTheClockSays() {
    List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    try (UnifiedEventBus bus =
        EventBusCore.builder().clock(new JumpingClock()).sleeper(waits::add).build()) {
      AtomicInteger attempts = new AtomicInteger();
      bus.subscribe(
          Integer.class,
          event -> {
            if (attempts.incrementAndGet() < 3) {
              throw new IllegalStateException("not yet");
            }
          },
          retrying(RetryPolicy.fixed(3, Duration.ofSeconds(20))));

      assertThat(bus.publish(1).delivered()).isEqualTo(1);
      assertThat(waits).containsExactly(Duration.ofSeconds(20), Duration.ofSeconds(20));
    }
  }

  @Test
  void exponentialBackoff_waitsTheDoublingDelays_andCountsTheRetries() {
    List<Duration> waits = new ArrayList<>();
    try (UnifiedEventBus bus = EventBusCore.builder().sleeper(waits::add).build()) {
      bus.subscribe(
          Object.class,
          event -> {
            throw new IllegalStateException("down");
          },
          retrying(
              RetryPolicy.exponential(4, Duration.ofSeconds(1), Duration.ofSeconds(30)).toBuilder()
                  .jitter(0)
                  .build()));

      PublishResult result = bus.publish("event");

      assertThat(waits)
          .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
      assertThat(result.failures().get(0).attempts()).isEqualTo(4);
      assertThat(bus.stats().retried()).isEqualTo(3);
    }
  }
}
