package dev.eventbus.processors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.AsyncConfig;
import dev.eventbus.api.BatchConfig;
import dev.eventbus.api.BatchTuning;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.EventBusOverloadedException;
import dev.eventbus.api.MetricsConfig;
import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReconfigureTest {

  private static final EventBusConfig BASE =
      EventBusConfig.builder()
          .async(
              AsyncConfig.builder()
                  .shards(1)
                  .queueSize(1)
                  .overflowPolicy(OverflowPolicy.FAIL)
                  .build())
          .build();

  @Test
  void aNewDefaultRetryPolicy_appliesToExistingSubscriptionsWithoutTheirOwn() {
    try (UnifiedEventBus bus = EventBusFactory.builder().config(BASE).build()) {
      AtomicInteger calls = new AtomicInteger();
      bus.subscribe(
          Object.class,
          event -> {
            calls.incrementAndGet();
            throw new IllegalStateException("down");
          });
      AtomicInteger ownCalls = new AtomicInteger();
      bus.subscribe(
          Object.class,
          event -> {
            ownCalls.incrementAndGet();
            throw new IllegalStateException("down");
          },
          SubscriptionOptions.builder().retryPolicy(RetryPolicy.fixed(2, Duration.ZERO)).build());

      bus.publish("before");
      bus.reconfigure(
          BASE.toBuilder().defaultRetryPolicy(RetryPolicy.fixed(3, Duration.ZERO)).build());
      bus.publish("after");

      assertThat(calls.get()).isEqualTo(1 + 3);
      assertThat(ownCalls.get()).isEqualTo(2 + 2);
    }
  }

  @Test
  void aNewDefaultOverflowPolicy_appliesToQueuedSubscriptions() throws Exception {
    try (UnifiedEventBus bus =
        EventBusFactory.builder().config(BASE).dropListener(d -> {}).build()) {
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch started = new CountDownLatch(1);
      bus.subscribe(
          Integer.class,
          event -> {
            started.countDown();
            release.await();
          },
          SubscriptionOptions.mode(ProcessingMode.ASYNC));
      bus.publish(1);
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      bus.publish(2);

      assertThatThrownBy(() -> bus.publish(3)).isInstanceOf(EventBusOverloadedException.class);
      bus.reconfigure(
          BASE.toBuilder()
              .async(BASE.async().toBuilder().overflowPolicy(OverflowPolicy.DROP_NEWEST).build())
              .build());
      PublishResult dropped = bus.publish(4);
      release.countDown();

      assertThat(dropped.dropped()).isEqualTo(1);
    }
  }

  @Test
  void newBatchBounds_reachExistingBatchSubscriptions() {
    try (UnifiedEventBus bus = EventBusFactory.builder().config(BASE).build()) {
      Subscription subscription =
          bus.subscribe(Integer.class, event -> {}, SubscriptionOptions.mode(ProcessingMode.BATCH));
      bus.publish(1);

      bus.reconfigure(
          BASE.toBuilder()
              .batch(
                  BatchConfig.builder()
                      .adaptiveBatching(false)
                      .minBatchSize(1)
                      .defaultBatchSize(7)
                      .maxBatchSize(10)
                      .batchInterval(Duration.ofMillis(3))
                      .build())
              .build());

      BatchTuning tuning = bus.stats().batchTuning().get(subscription.id());
      assertThat(tuning.batchSize()).isEqualTo(7);
      assertThat(tuning.interval()).isEqualTo(Duration.ofMillis(3));
    }
  }

  @Test
  void whatIsFixedAtBuildTime_cannotChange_andTheMessageNamesIt() {
    try (UnifiedEventBus bus = EventBusFactory.builder().config(BASE).build()) {
      assertThatThrownBy(
              () ->
                  bus.reconfigure(
                      BASE.toBuilder().async(BASE.async().toBuilder().shards(4).build()).build()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("async.shards is fixed when the bus is built: it is 1, not 4");
      assertThatThrownBy(
              () ->
                  bus.reconfigure(
                      BASE.toBuilder()
                          .async(BASE.async().toBuilder().queueSize(50).build())
                          .build()))
          .hasMessageContaining("async.queueSize");
      assertThatThrownBy(
              () ->
                  bus.reconfigure(
                      BASE.toBuilder()
                          .metrics(MetricsConfig.builder().enabled(false).build())
                          .build()))
          .hasMessageContaining("metrics");
      assertThat(bus.config()).isSameAs(BASE);
    }
  }

  @Test
  void aDefaultModeWithoutAProcessor_isRefused() {
    try (UnifiedEventBus syncOnly =
        EventBusFactory.builder().modes(ProcessingMode.SYNC).config(BASE).build()) {
      assertThatThrownBy(
              () ->
                  syncOnly.reconfigure(BASE.toBuilder().defaultMode(ProcessingMode.ASYNC).build()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ASYNC");
    }
  }

  @Test
  void reconfigure_changesTheShutdownTimeoutAndTheDefaultModeOfLaterSubscriptions() {
    try (UnifiedEventBus bus = EventBusFactory.builder().config(BASE).build()) {
      EventBusConfig next =
          BASE.toBuilder()
              .shutdownTimeout(Duration.ofSeconds(2))
              .defaultMode(ProcessingMode.ASYNC)
              .build();

      bus.reconfigure(next);

      assertThat(bus.config().shutdownTimeout()).isEqualTo(Duration.ofSeconds(2));
      assertThat(bus.subscribe(Object.class, event -> {}).mode()).isEqualTo(ProcessingMode.ASYNC);
    }
  }
}
