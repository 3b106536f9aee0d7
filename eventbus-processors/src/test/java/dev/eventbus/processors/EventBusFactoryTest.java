package dev.eventbus.processors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.DropListener;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.EventBusState;
import dev.eventbus.api.EventBusStoppedException;
import dev.eventbus.api.EventExceptionHandler;
import dev.eventbus.api.HandlerFailure;
import dev.eventbus.api.MetricsConfig;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.DeadLetterHandler;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.durable.InMemoryEventStore;
import dev.eventbus.processors.durable.MapCodec;
import dev.eventbus.testkit.RecordingHandler;
import dev.eventbus.testkit.SampleEvents.OrderPlaced;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

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
        EventBusConfig.builder().defaultRetryPolicy(RetryPolicy.fixed(4, Duration.ZERO)).build();
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
    try (UnifiedEventBus bus = EventBusFactory.builder().build()) {
      assertThat(bus.modes()).containsExactlyInAnyOrder(ProcessingMode.values());
    }
  }

  @Test
  void aModeWithoutAProcessor_isRejectedNamingTheModeAndWhatTheBusRuns() {
    try (UnifiedEventBus syncOnly = EventBusFactory.builder().modes(ProcessingMode.SYNC).build()) {
      assertThat(syncOnly.modes()).containsExactly(ProcessingMode.SYNC);
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
                EventBusFactory.builder()
                    .modes(ProcessingMode.SYNC, ProcessingMode.ASYNC)
                    .config(batchByDefault)
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("config.defaultMode is BATCH")
        .hasMessageContaining("[SYNC, ASYNC]");
  }

  @Test
  void everySetting_mayBeSetOnce_andASecondTimeNamesTheSettingAndTheEarlierValue() {
    EventBusConfig config = EventBusConfig.defaults();
    Clock clock = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
    EventExceptionHandler exceptionHandler = failure -> {};
    DeadLetterHandler deadLetterHandler = failure -> {};
    DropListener dropListener = dropped -> {};
    Map<String, Consumer<EventBusBuilder>> settings = new LinkedHashMap<>();
    settings.put("config", builder -> builder.config(config));
    settings.put("exceptionHandler", builder -> builder.exceptionHandler(exceptionHandler));
    settings.put("deadLetterHandler", builder -> builder.deadLetterHandler(deadLetterHandler));
    settings.put("dropListener", builder -> builder.dropListener(dropListener));
    settings.put("clock", builder -> builder.clock(clock));
    settings.put("scheduler", builder -> builder.scheduler(Schedulers.immediate()));
    settings.put("modes", builder -> builder.modes(ProcessingMode.ASYNC));
    settings.put("autoStart", builder -> builder.autoStart(false));
    settings.put(
        "storage",
        builder ->
            builder.storage(
                DurableStorage.builder(InMemoryEventStore.create(), new MapCodec()).build()));

    settings.forEach(
        (setting, set) -> {
          EventBusBuilder builder = EventBusFactory.builder();
          set.accept(builder);
          assertThatThrownBy(() -> set.accept(builder))
              .as(setting)
              .isInstanceOf(IllegalStateException.class)
              .hasMessageStartingWith(setting + " was already set to ");
        });
    assertThatThrownBy(() -> EventBusFactory.builder().clock(clock).clock(Clock.systemUTC()))
        .hasMessage("clock was already set to " + clock);
  }

  @Test
  void aNullSetting_isRefusedNamingIt() {
    assertThatThrownBy(() -> EventBusFactory.builder().clock(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("clock");
    assertThatThrownBy(() -> EventBusFactory.builder().filter(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("filter");
  }

  @Test
  void filters_addUp_inTheOrderAdded() {
    List<String> seen = new ArrayList<>();
    try (UnifiedEventBus bus =
        EventBusFactory.builder()
            .filter(event -> seen.add("first"))
            .filter(event -> seen.add("second"))
            .build()) {
      bus.subscribe(Object.class, event -> {});

      bus.publish("event");

      assertThat(seen).containsExactly("first", "second");
    }
  }

  @Test
  void withoutAutoStart_theBusIsNew_acceptsSubscriptions_andRefusesEventsUntilStarted() {
    UnifiedEventBus bus = EventBusFactory.builder().autoStart(false).build();
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
    List<HandlerFailure> letters = new ArrayList<>();
    try (UnifiedEventBus bus = EventBusFactory.builder().deadLetterHandler(letters::add).build()) {
      bus.subscribe(
          OrderPlaced.class,
          event -> {
            throw new IllegalStateException("cannot bill " + event.orderId());
          });

      PublishResult result = bus.publish(new OrderPlaced("o-9", 1));

      assertThat(result.deadLettered()).isEqualTo(1);
      assertThat(bus.stats().deadLettered()).isEqualTo(1);
      assertThat(letters).containsExactlyElementsOf(result.failures());
      assertThat(letters.get(0).event()).isEqualTo(new OrderPlaced("o-9", 1));
      assertThat(letters.get(0).eventType()).isEqualTo(OrderPlaced.TYPE);
      assertThat(letters.get(0).cause()).hasMessage("cannot bill o-9");
      assertThat(bus.deadLetters()).isEmpty();
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
}
