package dev.eventbus.processors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.AsyncConfig;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OrderFreeConcurrencyTest {

  private static UnifiedEventBus oneShardBus() {
    return EventBusFactory.createWithConfig(
        EventBusConfig.builder().async(AsyncConfig.builder().shards(1).build()).build());
  }

  @Test
  void anOrderFreeSubscription_runsUpToItsConcurrencyAtOnce() throws Exception {
    try (UnifiedEventBus bus = oneShardBus()) {
      CyclicBarrier bothInside = new CyclicBarrier(2);
      AtomicInteger peak = new AtomicInteger();
      AtomicInteger inside = new AtomicInteger();
      bus.subscribe(
          Integer.class,
          event -> {
            peak.accumulateAndGet(inside.incrementAndGet(), Math::max);
            // Only passes if the other delivery runs at the same time.
            bothInside.await(10, TimeUnit.SECONDS);
            inside.decrementAndGet();
          },
          SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).concurrency(2).build());

      CompletableFuture<PublishResult> first = bus.publishAsync(1);
      CompletableFuture<PublishResult> second = bus.publishAsync(2);

      assertThat(first.get(10, TimeUnit.SECONDS).delivered()).isEqualTo(1);
      assertThat(second.get(10, TimeUnit.SECONDS).delivered()).isEqualTo(1);
      assertThat(peak.get()).isEqualTo(2);
    }
  }

  @Test
  void anOrderFreeSubscription_neverExceedsItsConcurrency_andLosesNothing() throws Exception {
    try (UnifiedEventBus bus = oneShardBus()) {
      AtomicInteger inside = new AtomicInteger();
      AtomicInteger peak = new AtomicInteger();
      Set<Integer> seen = ConcurrentHashMap.newKeySet();
      bus.subscribe(
          Integer.class,
          event -> {
            peak.accumulateAndGet(inside.incrementAndGet(), Math::max);
            seen.add(event);
            inside.decrementAndGet();
          },
          SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).concurrency(3).build());
      List<CompletableFuture<PublishResult>> results = new ArrayList<>();

      for (int i = 0; i < 3_000; i++) {
        results.add(bus.publishAsync(i));
      }
      for (CompletableFuture<PublishResult> result : results) {
        result.get(10, TimeUnit.SECONDS);
      }

      assertThat(seen).hasSize(3_000);
      assertThat(peak.get()).isBetween(1, 3);
      assertThat(bus.stop(Duration.ofSeconds(5)).totalUndelivered()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = ProcessingMode.class,
      names = {"SYNC", "BATCH", "ADAPTIVE"})
  void concurrency_isRefusedOutsideAsync(ProcessingMode mode) {
    try (UnifiedEventBus bus = oneShardBus()) {
      assertThatThrownBy(
              () ->
                  bus.subscribe(
                      Integer.class,
                      event -> {},
                      SubscriptionOptions.builder().mode(mode).concurrency(2).build()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("concurrency 2")
          .hasMessageContaining(mode.name());
    }
  }

  @Test
  void concurrency_outOfRange_isRefusedNamingTheValue() {
    assertThatThrownBy(() -> SubscriptionOptions.builder().concurrency(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("subscription.concurrency")
        .hasMessageContaining("0");
  }
}
