package dev.eventbus.processors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.eventbus.api.AsyncConfig;
import dev.eventbus.api.BatchEventHandler;
import dev.eventbus.api.DomainEvent;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An ASYNC or BATCH subscription with lanes of its own ({@code ownLanes}): what it waits for holds
 * back only its own deliveries, and per-key order holds.
 */
class OwnLanesTest {

  record Keyed(String key, int sequence) implements DomainEvent {
    @Override
    public String eventType() {
      return "keyed";
    }

    @Override
    public String partitionKey() {
      return key;
    }
  }

  /** One shard: on shared lanes every delivery would meet every other in the same lane. */
  private static UnifiedEventBus oneShardBus() {
    return EventBusFactory.createWithConfig(
        EventBusConfig.builder().async(AsyncConfig.builder().shards(1).build()).build());
  }

  @Test
  void aWaitingHandlerOnItsOwnLanes_doesNotHoldBackAnotherAsyncSubscription() throws Exception {
    try (UnifiedEventBus bus = oneShardBus()) {
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch entered = new CountDownLatch(1);
      bus.subscribe(
          Keyed.class,
          event -> {
            entered.countDown();
            release.await(30, TimeUnit.SECONDS);
          },
          SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).ownLanes(true).build());
      List<Keyed> other = new CopyOnWriteArrayList<>();
      bus.subscribe(Keyed.class, other::add, SubscriptionOptions.mode(ProcessingMode.ASYNC));

      for (int i = 1; i <= 20; i++) {
        bus.publish(new Keyed("k", i));
      }
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

      await().atMost(Duration.ofSeconds(5)).until(() -> other.size() == 20);
      release.countDown();
    }
  }

  @Test
  void aRetryOnItsOwnLanes_doesNotHoldBackAnotherAsyncSubscription_andKeyOrderHolds()
      throws Exception {
    try (UnifiedEventBus bus = oneShardBus()) {
      AtomicInteger failuresLeft = new AtomicInteger(4);
      List<Keyed> own = new CopyOnWriteArrayList<>();
      bus.subscribe(
          Keyed.class,
          event -> {
            if (event.sequence() == 1 && failuresLeft.getAndDecrement() > 0) {
              throw new IllegalStateException("not yet");
            }
            own.add(event);
          },
          SubscriptionOptions.builder()
              .mode(ProcessingMode.ASYNC)
              .ownLanes(true)
              .retryPolicy(RetryPolicy.fixed(10, Duration.ofSeconds(1)))
              .build());
      List<Keyed> other = new CopyOnWriteArrayList<>();
      bus.subscribe(Keyed.class, other::add, SubscriptionOptions.mode(ProcessingMode.ASYNC));

      for (int i = 1; i <= 30; i++) {
        bus.publish(new Keyed("key-" + (i % 3), i));
      }

      // The other subscription is done while the first delivery still waits for its retries.
      await().atMost(Duration.ofMillis(2_500)).until(() -> other.size() == 30);
      assertThat(own).noneMatch(event -> event.key().equals("key-1"));
      await().atMost(Duration.ofSeconds(15)).until(() -> own.size() == 30);
      Map<String, List<Integer>> byKey = new LinkedHashMap<>();
      own.forEach(e -> byKey.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e.sequence()));
      assertThat(byKey).hasSize(3);
      byKey.values().forEach(sequences -> assertThat(sequences).hasSize(10).isSorted());
    }
  }

  @Test
  void aWaitingBatchHandlerOnItsOwnLane_doesNotHoldBackOtherBatchSubscriptions() throws Exception {
    try (UnifiedEventBus bus = EventBusFactory.createDefault()) {
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch entered = new CountDownLatch(1);
      bus.subscribe(
          Keyed.class,
          (BatchEventHandler<Keyed>)
              batch -> {
                entered.countDown();
                release.await(30, TimeUnit.SECONDS);
              },
          SubscriptionOptions.builder()
              .mode(ProcessingMode.BATCH)
              .batchSize(10)
              .ownLanes(true)
              .build());
      // More subscriptions than the shared batch threads: without a thread of its own, the
      // waiting one would hold back those whose lanes share its thread.
      int others = 2 * Runtime.getRuntime().availableProcessors() + 2;
      List<AtomicInteger> received = new ArrayList<>();
      for (int i = 0; i < others; i++) {
        AtomicInteger count = new AtomicInteger();
        received.add(count);
        bus.subscribe(
            Keyed.class,
            (BatchEventHandler<Keyed>) batch -> count.addAndGet(batch.size()),
            SubscriptionOptions.builder().mode(ProcessingMode.BATCH).batchSize(10).build());
      }

      for (int i = 1; i <= 20; i++) {
        bus.publish(new Keyed("k", i));
      }
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> received.stream().allMatch(count -> count.get() == 20));
      release.countDown();
    }
  }

  @Test
  void ownLanes_needModeAsyncOrBatch() {
    try (UnifiedEventBus bus = oneShardBus()) {
      assertThatThrownBy(
              () ->
                  bus.subscribe(
                      Keyed.class,
                      event -> {},
                      SubscriptionOptions.builder()
                          .mode(ProcessingMode.SYNC)
                          .ownLanes(true)
                          .build()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "ownLanes needs mode ASYNC or BATCH, not SYNC: only asynchronous deliveries and"
                  + " batches run in lanes");
    }
  }
}
