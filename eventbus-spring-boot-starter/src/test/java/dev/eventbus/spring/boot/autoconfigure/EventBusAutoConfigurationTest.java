package dev.eventbus.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.EventBusState;
import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.Subscribe;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.ContextPropagator;
import dev.eventbus.api.spi.EventCodec;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.durable.InMemoryEventStore;
import dev.eventbus.processors.EventBusFactory;
import dev.eventbus.tracing.OpenTelemetryContextPropagator;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The starter on the Spring Boot line of the class path: the same sources run on Spring Boot 3.5
 * (this module) and 4.0 (eventbus-spring-boot4-tests). Nothing here names a type that differs
 * between the lines; the health indicator is read through its {@code health()} method.
 */
class EventBusAutoConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(EventBusAutoConfiguration.class));

  /** A context whose one subscriber fails its first delivery, with no retry: a dead letter. */
  private final ApplicationContextRunner failingOnce =
      runner.withBean(FlakyListener.class).withPropertyValues("eventbus.retry.max-attempts=1");

  record OrderPlaced(String orderId) {}

  /** A bean with a {@code @Subscribe} method, as an application writes it. */
  static class OrderListener {
    final List<String> received = Collections.synchronizedList(new ArrayList<>());

    @Subscribe(mode = ProcessingMode.SYNC)
    public void on(OrderPlaced event) {
      received.add(event.orderId());
    }
  }

  /** Fails on the first delivery of each order, then succeeds (a replay delivers it). */
  static class FlakyListener {
    final List<String> delivered = Collections.synchronizedList(new ArrayList<>());
    private final List<String> failedOnce = Collections.synchronizedList(new ArrayList<>());

    @Subscribe(mode = ProcessingMode.SYNC)
    public void on(OrderPlaced event) {
      if (!failedOnce.contains(event.orderId())) {
        failedOnce.add(event.orderId());
        throw new IllegalStateException("first try of " + event.orderId());
      }
      delivered.add(event.orderId());
    }
  }

  @Test
  void autoConfiguresARunningBus() {
    runner.run(
        context -> {
          assertThat(context).hasSingleBean(UnifiedEventBus.class);
          assertThat(context.getBean(UnifiedEventBus.class).state())
              .isEqualTo(EventBusState.RUNNING);
          assertThat(context.getBean(UnifiedEventBus.class).config())
              .isEqualTo(EventBusConfig.defaults());
        });
  }

  @Test
  @SuppressWarnings("try") // the context's scope is only closed
  void carriesThePublishersContextToAsyncHandlers_whenEventbusTracingIsOnTheClassPath() {
    ContextKey<String> request = ContextKey.named("request");
    runner.run(
        context -> {
          assertThat(context)
              .getBean(ContextPropagator.class)
              .isInstanceOf(OpenTelemetryContextPropagator.class);
          UnifiedEventBus bus = context.getBean(UnifiedEventBus.class);
          CompletableFuture<String> seen = new CompletableFuture<>();
          bus.subscribe(
              OrderPlaced.class,
              event -> seen.complete(Context.current().get(request)),
              SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).build());
          try (Scope scope = Context.current().with(request, "r-7").makeCurrent()) {
            bus.publish(new OrderPlaced("o-1"));
          }
          assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo("r-7");
        });
  }

  @Test
  void carriesNoContextWithoutEventbusTracing_andTakesTheApplicationsPropagator() {
    runner
        .withClassLoader(new FilteredClassLoader(OpenTelemetryContextPropagator.class))
        .run(context -> assertThat(context).doesNotHaveBean(ContextPropagator.class));
    ContextPropagator own = OpenTelemetryContextPropagator.withoutMdc();
    runner
        .withBean("ownPropagator", ContextPropagator.class, () -> own)
        .run(context -> assertThat(context).getBean(ContextPropagator.class).isSameAs(own));
  }

  @Test
  void backsOffWhenTheApplicationDefinesABus() {
    runner
        .withBean(
            "myBus",
            UnifiedEventBus.class,
            () -> EventBusFactory.builder().modes(ProcessingMode.SYNC).build())
        .withBean(OrderListener.class)
        .run(
            context -> {
              assertThat(context).hasSingleBean(UnifiedEventBus.class);
              assertThat(context).hasBean("myBus").doesNotHaveBean("eventBus");
              UnifiedEventBus bus = context.getBean(UnifiedEventBus.class);
              assertThat(bus.modes()).containsExactly(ProcessingMode.SYNC);
              bus.publish(new OrderPlaced("o-1"));
              assertThat(context.getBean(OrderListener.class).received).containsExactly("o-1");
            });
  }

  @Test
  void registersSubscribeBeansAtStartupAndRemovesThemAtShutdown() {
    runner
        .withBean(OrderListener.class)
        .run(
            context -> {
              UnifiedEventBus bus = context.getBean(UnifiedEventBus.class);
              EventBusLifecycle lifecycle = context.getBean(EventBusLifecycle.class);
              assertThat(lifecycle.registeredBeans()).isEqualTo(1);
              assertThat(bus.stats().subscriptions()).isEqualTo(1);

              bus.publish(new OrderPlaced("o-1"));
              assertThat(context.getBean(OrderListener.class).received).containsExactly("o-1");

              lifecycle.stop();
              assertThat(lifecycle.isRunning()).isFalse();
              assertThat(lifecycle.registeredBeans()).isZero();
              assertThat(bus.stats().subscriptions()).isZero();
              assertThat(bus.state()).isEqualTo(EventBusState.STOPPED);
            });
  }

  @Test
  void propertiesUnderEventbusConfigureTheBus() {
    runner
        .withPropertyValues(
            "eventbus.default-mode=SYNC",
            "eventbus.shutdown-timeout=2s",
            "eventbus.type-cache-size=64",
            "eventbus.dead-letter-capacity=10",
            "eventbus.retry.max-attempts=4",
            "eventbus.retry.initial-delay=5ms",
            "eventbus.async.shards=2",
            "eventbus.async.queue-size=16",
            "eventbus.async.overflow-policy=DROP_OLDEST",
            "eventbus.batch.default-batch-size=20",
            "eventbus.metrics.record-latency=true",
            "eventbus.storage.max-event-size=2048")
        .run(
            context -> {
              EventBusConfig config = context.getBean(UnifiedEventBus.class).config();
              assertThat(config.defaultMode()).isEqualTo(ProcessingMode.SYNC);
              assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(2));
              assertThat(config.typeCacheSize()).isEqualTo(64);
              assertThat(config.deadLetterCapacity()).isEqualTo(10);
              assertThat(config.defaultRetryPolicy().maxAttempts()).isEqualTo(4);
              assertThat(config.defaultRetryPolicy().initialDelay())
                  .isEqualTo(Duration.ofMillis(5));
              assertThat(config.async().shards()).isEqualTo(2);
              assertThat(config.async().queueSize()).isEqualTo(16);
              assertThat(config.async().overflowPolicy()).isEqualTo(OverflowPolicy.DROP_OLDEST);
              assertThat(config.batch().defaultBatchSize()).isEqualTo(20);
              assertThat(config.metrics().recordLatency()).isTrue();
              assertThat(config.storage().maxEventSize()).isEqualTo(2048);
            });
  }

  @Test
  void aValueOutOfRangeFailsTheStartNamingTheProperty() {
    runner
        .withPropertyValues("eventbus.async.queue-size=0")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(messages(context.getStartupFailure()))
                  .anySatisfy(
                      message ->
                          assertThat(message)
                              .contains("eventbus.async.queue-size must be >= 1 but was 0"));
            });
    runner
        .withPropertyValues("eventbus.retry.jitter=2")
        .run(
            context ->
                assertThat(messages(context.getStartupFailure()))
                    .anySatisfy(
                        message ->
                            assertThat(message)
                                .contains("eventbus.retry.jitter must be in [0, 1] but was 2.0")));
  }

  @Test
  void aValueOfTheWrongTypeFailsTheStartNamingTheProperty() {
    runner
        .withPropertyValues("eventbus.default-mode=SOMETIMES")
        .run(
            context ->
                assertThat(messages(context.getStartupFailure()))
                    .anySatisfy(message -> assertThat(message).contains("eventbus.default-mode")));
  }

  @Test
  void propertyMessagesNameTheProperty() {
    assertThat(EventBusProperties.namingProperties("async.queueSize must be >= 1 but was 0"))
        .isEqualTo("eventbus.async.queue-size must be >= 1 but was 0");
    assertThat(EventBusProperties.namingProperties("shutdownTimeout must be >= 0 but was PT-1S"))
        .isEqualTo("eventbus.shutdown-timeout must be >= 0 but was PT-1S");
    assertThat(
            EventBusProperties.namingProperties(
                "batch.defaultBatchSize must be in [batch.minBatchSize 10, batch.maxBatchSize 1000]"
                    + " but was 7"))
        .isEqualTo(
            "eventbus.batch.default-batch-size must be in [eventbus.batch.min-batch-size 10,"
                + " eventbus.batch.max-batch-size 1000] but was 7");
    assertThat(EventBusProperties.namingProperties("Something else"))
        .isEqualTo("eventbus: Something else");
  }

  @Test
  void stoppingTheContextStopsTheBusAndLogsTheShutdownReportOnce() {
    List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
    Logger logger = Logger.getLogger("dev.eventbus");
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(handler);
    try {
      UnifiedEventBus[] bus = new UnifiedEventBus[1];
      runner.run(context -> bus[0] = context.getBean(UnifiedEventBus.class));
      assertThat(bus[0].state()).isEqualTo(EventBusState.STOPPED);
      assertThat(records)
          .filteredOn(record -> record.getMessage().startsWith("event bus stopped"))
          .singleElement()
          .satisfies(
              record -> {
                assertThat(record.getLevel()).isEqualTo(java.util.logging.Level.INFO);
                assertThat(record.getParameters()[0].toString())
                    .startsWith("ShutdownReport[completedInTime=true");
              });
      assertThat(records)
          .filteredOn(record -> record.getMessage().startsWith("event bus started"))
          .hasSize(1);
    } finally {
      logger.removeHandler(handler);
    }
  }

  @Test
  void healthIsUpWhileRunningWithQueueDepthsAndDeadLetterCount() {
    failingOnce.run(
        context -> {
          UnifiedEventBus bus = context.getBean(UnifiedEventBus.class);
          bus.publish(new OrderPlaced("o-1"));
          Object indicator = context.getBean(EventBusAutoConfiguration.HEALTH_INDICATOR);
          assertThat(indicator)
              .as("the health indicator of Spring Boot %s", SpringBootVersion.getVersion())
              .isInstanceOf(
                  SpringBootVersion.getVersion().startsWith("3.")
                      ? Boot3EventBusHealthIndicator.class
                      : Boot4EventBusHealthIndicator.class);

          Health up = Health.of(indicator);
          assertThat(up.status()).isEqualTo("UP");
          assertThat(up.details())
              .containsEntry("state", "RUNNING")
              .containsEntry("queueDepth", 0L)
              .containsEntry("deadLetters", 1)
              .containsKey("queueDepths");

          bus.stop(Duration.ofSeconds(1));
          Health down = Health.of(indicator);
          assertThat(down.status()).isEqualTo("DOWN");
          assertThat(down.details()).containsEntry("state", "STOPPED");
        });
  }

  @Test
  void endpointReadsCountersAndDeadLettersAndReplaysThem() {
    failingOnce.run(
        context -> {
          UnifiedEventBus bus = context.getBean(UnifiedEventBus.class);
          EventBusEndpoint endpoint = context.getBean(EventBusEndpoint.class);
          bus.publish(new OrderPlaced("o-1"));

          Map<String, Object> read = endpoint.counters();
          assertThat(read).containsEntry("state", "RUNNING");
          assertThat(map(read.get("total"))).containsEntry("published", 1L);
          assertThat(list(read.get("types")))
              .singleElement()
              .satisfies(
                  type ->
                      assertThat(map(type))
                          .containsEntry("published", 1L)
                          .containsEntry("failed", 1L));
          assertThat(list(read.get("subscriptions")))
              .singleElement()
              .satisfies(s -> assertThat(map(s)).containsEntry("deadLettered", 1L));
          assertThat(list(read.get("deadLetters")))
              .singleElement()
              .satisfies(
                  letter ->
                      assertThat(map(letter))
                          .containsEntry("attempts", 1)
                          .containsEntry(
                              "cause", "java.lang.IllegalStateException: first try of o-1"));

          assertThat(endpoint.replay())
              .containsEntry("redelivered", 1)
              .containsEntry("failedAgain", 0)
              .containsEntry("subscriptionGone", 0);
          assertThat(context.getBean(FlakyListener.class).delivered).containsExactly("o-1");
          assertThat(list(endpoint.counters().get("deadLetters"))).isEmpty();
        });
  }

  /** An adaptive subscriber. */
  static class AdaptiveListener {
    @Subscribe(mode = ProcessingMode.ADAPTIVE)
    public void on(OrderPlaced event) {}
  }

  @Test
  void endpointShowsWhatAnAdaptiveSubscriptionRunsAsAndWhy() {
    runner
        .withBean(AdaptiveListener.class)
        .run(
            context -> {
              context.getBean(UnifiedEventBus.class).publish(new OrderPlaced("o-1"));

              Map<String, Object> read = context.getBean(EventBusEndpoint.class).counters();

              assertThat(list(read.get("subscriptions")))
                  .singleElement()
                  .satisfies(
                      s ->
                          assertThat(map(map(s).get("adaptive")))
                              .containsEntry("mode", "SYNC")
                              .containsEntry("switches", 0L)
                              .containsEntry("reason", "SYNC: no window measured yet"));
            });
  }

  @Test
  void micrometerIsBoundWhenAMeterRegistryBeanExists() {
    runner
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withBean(OrderListener.class)
        .run(
            context -> {
              context.getBean(UnifiedEventBus.class).publish(new OrderPlaced("o-1"));
              MeterRegistry registry = context.getBean(MeterRegistry.class);
              Gauge subscriptions = registry.find("eventbus.subscriptions").gauge();
              assertThat(subscriptions).as("eventbus.subscriptions gauge").isNotNull();
              // The binder reads stats() through a snapshot at most one second old.
              long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
              while (subscriptions.value() != 1.0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
              }
              assertThat(subscriptions.value()).isEqualTo(1.0);
            });
  }

  @Test
  void aDurableStorageBeanMakesTheBusDurable() {
    InMemoryEventStore store = InMemoryEventStore.create();
    runner
        .withBean(
            DurableStorage.class, () -> DurableStorage.builder(store, new OrderCodec()).build())
        .withBean(OrderListener.class)
        .run(
            context -> {
              context.getBean(UnifiedEventBus.class).publish(new OrderPlaced("o-1"));
              assertThat(store.readFrom(0).count()).isEqualTo(1);
            });
  }

  @Test
  void configurationMetadataDescribesTheProperties() throws IOException {
    String metadata;
    try (InputStream in =
        EventBusProperties.class
            .getClassLoader()
            .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("generated configuration metadata").isNotNull();
      metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (String property :
        List.of(
            "eventbus.default-mode",
            "eventbus.shutdown-timeout",
            "eventbus.retry.max-attempts",
            "eventbus.async.shards",
            "eventbus.async.queue-size",
            "eventbus.batch.default-batch-size",
            "eventbus.storage.max-event-size",
            "eventbus.storage.jdbc.enabled")) {
      assertThat(metadata).contains("\"name\": \"" + property + "\"");
    }
    assertThat(metadata).contains("The capacity of each shard's queue.");
  }

  /** The messages of {@code failure} and of its causes, outermost first. */
  static List<String> messages(Throwable failure) {
    List<String> messages = new ArrayList<>();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      messages.add(String.valueOf(t.getMessage()));
    }
    return messages;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    return (List<Object>) value;
  }

  /** A health read from either line's indicator through its public methods. */
  record Health(String status, Map<String, Object> details) {
    @SuppressWarnings("unchecked")
    static Health of(Object indicator) throws ReflectiveOperationException {
      Method health = indicator.getClass().getMethod("health");
      health.setAccessible(true);
      Object result = health.invoke(indicator);
      Object status = result.getClass().getMethod("getStatus").invoke(result);
      String code = (String) status.getClass().getMethod("getCode").invoke(status);
      Map<String, Object> details =
          (Map<String, Object>) result.getClass().getMethod("getDetails").invoke(result);
      return new Health(code, details);
    }
  }

  /** Stores {@link OrderPlaced} as {@code {"orderId": ...}}. */
  static final class OrderCodec implements EventCodec {
    @Override
    public EncodedEvent encode(Object event) {
      return new EncodedEvent(
          "order.placed", 1, Map.of("orderId", ((OrderPlaced) event).orderId()));
    }

    @Override
    public OptionalInt currentVersion(String eventType) {
      return eventType.equals("order.placed") ? OptionalInt.of(1) : OptionalInt.empty();
    }

    @Override
    public Object decode(String eventType, int version, Map<String, Object> data) {
      return new OrderPlaced((String) data.get("orderId"));
    }
  }
}
