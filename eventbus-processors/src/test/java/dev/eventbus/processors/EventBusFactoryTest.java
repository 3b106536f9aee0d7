package dev.eventbus.processors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.DeadLetter;
import dev.eventbus.api.EventBusState;
import dev.eventbus.api.EventBusStoppedException;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.config.EventBusConfig;
import dev.eventbus.api.config.MetricsConfig;
import dev.eventbus.api.config.RetryConfig;
import dev.eventbus.core.EventBusCore;
import dev.eventbus.testkit.RecordingHandler;
import dev.eventbus.testkit.SampleEvents.OrderPlaced;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventBusFactoryTest {

  @Test
  void createDefault_makesIndependentRunningBuses() {
    try (UnifiedEventBus first = EventBusFactory.createDefault();
        UnifiedEventBus second = EventBusFactory.createDefault()) {
      RecordingHandler<Object> handler = RecordingHandler.named("h");
      first.subscribe(Object.class, handler);

      second.publish(new OrderPlaced("o-1", 1));

      assertThat(first).isNotSameAs(second);
      assertThat(first.state()).isEqualTo(EventBusState.RUNNING);
      assertThat(handler.events()).isEmpty();
    }
  }

  @Test
  void createWithConfig_usesTheConfig() {
    EventBusConfig config =
        EventBusConfig.builder()
            .retry(RetryConfig.builder().defaultPolicy(RetryPolicy.fixed(4, Duration.ZERO)).build())
            .build();
    AtomicInteger calls = new AtomicInteger();
    try (UnifiedEventBus bus = EventBusFactory.createWithConfig(config)) {
      bus.subscribe(
          Object.class,
          event -> {
            calls.incrementAndGet();
            throw new IllegalStateException("always");
          });

      bus.publish("event");

      assertThat(calls.get()).isEqualTo(4);
    }
  }

  @Test
  void theFactory_runsEveryMode() {
    try (EventBusCore bus = EventBusFactory.builder().build()) {
      assertThat(bus.supportedModes()).containsExactlyInAnyOrder(ProcessingMode.values());
    }
  }

  @Test
  void aModeWithoutAProcessor_isRejectedNamingTheModeAndWhatTheBusRuns() {
    try (EventBusCore syncOnly = EventBusCore.builder().processor(new SyncProcessor()).build()) {
      assertThatThrownBy(
              () ->
                  syncOnly.subscribe(
                      Object.class, event -> {}, SubscriptionOptions.mode(ProcessingMode.ASYNC)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ASYNC")
          .hasMessageContaining("SYNC");
    }
  }

  @Test
  void aDefaultModeWithoutAProcessor_isRejectedWhenBuilding() {
    EventBusConfig batchByDefault =
        EventBusConfig.builder().defaultMode(ProcessingMode.BATCH).build();

    assertThatThrownBy(
            () ->
                EventBusCore.builder()
                    .processor(new SyncProcessor())
                    .config(batchByDefault)
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("BATCH");
  }

  @Test
  void aSecondProcessorForOneMode_isRejected() {
    assertThatThrownBy(() -> EventBusFactory.builder().processor(new SyncProcessor()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SYNC");
  }

  @Test
  void withoutAutoStart_theBusIsNew_acceptsSubscriptions_andRefusesEventsUntilStarted() {
    EventBusCore bus = EventBusFactory.builder().autoStart(false).build();
    RecordingHandler<Object> handler = RecordingHandler.named("h");
    bus.subscribe(Object.class, handler);

    assertThat(bus.state()).isEqualTo(EventBusState.NEW);
    assertThatThrownBy(() -> bus.publish("early"))
        .isInstanceOf(EventBusStoppedException.class)
        .hasMessageContaining("NEW");

    bus.start();
    bus.start();
    bus.publish("on time");

    assertThat(handler.events()).containsExactly("on time");
    bus.close();
  }

  @Test
  void deadLetterHandler_receivesEveryFinalFailure_andResultsCountThem() {
    List<DeadLetter> letters = new ArrayList<>();
    try (EventBusCore bus = EventBusFactory.builder().deadLetterHandler(letters::add).build()) {
      bus.subscribe(
          OrderPlaced.class,
          event -> {
            throw new IllegalStateException("cannot bill " + event.orderId());
          });

      PublishResult result = bus.publish(new OrderPlaced("o-9", 1));

      assertThat(result.deadLettered()).isEqualTo(1);
      assertThat(bus.stats().deadLettered()).isEqualTo(1);
      assertThat(letters).hasSize(1);
      assertThat(letters.get(0).envelope().payload()).isEqualTo(new OrderPlaced("o-9", 1));
      assertThat(letters.get(0).envelope().eventType()).isEqualTo(OrderPlaced.TYPE);
      assertThat(letters.get(0).envelope().partitionKey()).isEqualTo("o-9");
      assertThat(letters.get(0).cause()).hasMessage("cannot bill o-9");
    }
  }

  @Test
  void withMetricsDisabled_statsReadZeroButCountSubscriptions() {
    EventBusConfig config =
        EventBusConfig.builder().metrics(MetricsConfig.builder().enabled(false).build()).build();
    try (UnifiedEventBus bus = EventBusFactory.createWithConfig(config)) {
      bus.subscribe(Object.class, event -> {});
      bus.publish("one");

      assertThat(bus.stats().published()).isZero();
      assertThat(bus.stats().delivered()).isZero();
      assertThat(bus.stats().subscriptions()).isEqualTo(1);
    }
  }

  @Test
  void retryWaits_useTheInjectedSleeper() {
    List<Duration> waits = new ArrayList<>();
    try (EventBusCore bus = EventBusFactory.builder().sleeper(waits::add).build()) {
      bus.subscribe(
          Object.class,
          event -> {
            throw new IllegalStateException("down");
          },
          SubscriptionOptions.builder()
              .retryPolicy(
                  RetryPolicy.exponential(4, Duration.ofSeconds(1), Duration.ofSeconds(30))
                      .toBuilder()
                      .jitter(0)
                      .build())
              .build());

      PublishResult result = bus.publish("event");

      assertThat(waits)
          .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
      assertThat(result.failures().get(0).attempts()).isEqualTo(4);
      assertThat(bus.stats().retried()).isEqualTo(3);
    }
  }
}
