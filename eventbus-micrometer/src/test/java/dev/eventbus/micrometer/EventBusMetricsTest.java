package dev.eventbus.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.AdaptiveConfig;
import dev.eventbus.api.DomainEvent;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.MetricsConfig;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventBusMetricsTest {

  record Ping(int n) {}

  record OrderPlaced(String id) implements DomainEvent {
    @Override
    public String eventType() {
      return "order.placed";
    }
  }

  private UnifiedEventBus bus;

  @AfterEach
  void closeBus() {
    if (bus != null) {
      bus.close();
    }
  }

  private static UnifiedEventBus syncBus(boolean timeEveryCall) {
    return EventBusFactory.createWithConfig(
        EventBusConfig.builder()
            .defaultMode(ProcessingMode.SYNC)
            .metrics(MetricsConfig.builder().recordLatency(timeEveryCall).build())
            .build());
  }

  private static SubscriptionOptions named(String name) {
    return SubscriptionOptions.builder().name(name).build();
  }

  @Test
  void subscriptionMeters_existRightAfterSubscribe_andGoWhenItIsClosed() {
    bus = syncBus(false);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new EventBusMetrics(bus).bindTo(registry);

    Subscription audit = bus.subscribe(Ping.class, event -> {}, named("audit"));

    // No publish and no scrape yet: the meters are there.
    Tags tags = Tags.of("subscription", "audit", "mode", "SYNC");
    assertThat(registry.get("eventbus.handler").tags(tags).timer().count()).isZero();
    for (String counter :
        List.of("delivered", "filtered", "failed", "retried", "dead.lettered", "dropped")) {
      assertThat(
              registry.get("eventbus.subscription." + counter).tags(tags).functionCounter().count())
          .as(counter)
          .isZero();
    }
    assertThat(registry.get("eventbus.subscription.queue.depth").tags(tags).gauge().value())
        .isZero();
    assertThat(registry.get("eventbus.subscription.batch.size.mean").tags(tags).gauge().value())
        .isZero();
    assertThat(registry.get("eventbus.subscriptions").gauge().value()).isEqualTo(1);

    audit.close();

    assertThat(registry.find("eventbus.handler").meters()).isEmpty();
    assertThat(registry.find("eventbus.subscription.delivered").meters()).isEmpty();
    assertThat(registry.find("eventbus.subscription.queue.depth").meters()).isEmpty();
    assertThat(registry.get("eventbus.subscriptions").gauge().value()).isZero();
  }

  @Test
  void anAdaptiveSubscription_showsItsCurrentModeAndItsSwitches() {
    bus =
        EventBusFactory.createWithConfig(
            EventBusConfig.builder()
                .adaptive(
                    AdaptiveConfig.builder()
                        .window(Duration.ofMillis(20))
                        .stableWindows(1)
                        .asyncLatencyThreshold(Duration.ofNanos(50_000))
                        .batchRateThreshold(1_000_000_000)
                        .build())
                .build());
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new EventBusMetrics(bus).bindTo(registry);
    Subscription slow =
        bus.subscribe(
            Ping.class,
            event -> spin(Duration.ofNanos(200_000)),
            SubscriptionOptions.builder().mode(ProcessingMode.ADAPTIVE).name("slow").build());
    Tags tags = Tags.of("subscription", "slow", "mode", "ADAPTIVE");
    assertThat(
            registry
                .get("eventbus.subscription.adaptive.switches")
                .tags(tags)
                .functionCounter()
                .count())
        .isZero();

    // A handler slower than asyncLatencyThreshold: after a window, the choice leaves SYNC.
    AtomicInteger published = new AtomicInteger();
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              bus.publish(new Ping(published.incrementAndGet()));
              return bus.stats().adaptive().get(slow.id()).mode() == ProcessingMode.ASYNC;
            });

    assertThat(
            registry
                .get("eventbus.subscription.adaptive.switches")
                .tags(tags)
                .functionCounter()
                .count())
        .isEqualTo(1);
    for (ProcessingMode mode :
        List.of(ProcessingMode.SYNC, ProcessingMode.ASYNC, ProcessingMode.BATCH)) {
      assertThat(
              registry
                  .get("eventbus.subscription.adaptive.mode")
                  .tags(tags.and("current", mode.name()))
                  .gauge()
                  .value())
          .as(mode.name())
          .isEqualTo(mode == ProcessingMode.ASYNC ? 1 : 0);
    }
    assertThat(registry.find("eventbus.subscription.adaptive.mode").tag("mode", "SYNC").meters())
        .as("only adaptive subscriptions have them")
        .isEmpty();
  }

  private static void spin(Duration duration) {
    long end = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }

  @Test
  void existingSubscriptions_getTheirMetersWhenBound() {
    bus = syncBus(false);
    bus.subscribe(Ping.class, event -> {}, named("before"));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();

    new EventBusMetrics(bus).bindTo(registry);

    assertThat(registry.get("eventbus.handler").tag("subscription", "before").timer()).isNotNull();
  }

  @Test
  void counters_showTrafficOnTheReadRightAfterIt() {
    bus = syncBus(false);
    bus.subscribe(
        Ping.class,
        event -> {},
        SubscriptionOptions.builder()
            .name("evens")
            .filter(event -> ((Ping) event).n() % 2 == 0)
            .build());
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new EventBusMetrics(bus, Tags.of("bus", "test"), Duration.ZERO).bindTo(registry);
    String type = Ping.class.getName();

    for (int i = 0; i < 6; i++) {
      bus.publish(new Ping(i));
    }
    assertThat(
            registry
                .get("eventbus.type.published")
                .tags("type", type, "bus", "test")
                .functionCounter()
                .count())
        .isEqualTo(6);
    assertThat(registry.get("eventbus.type.delivered").tag("type", type).functionCounter().count())
        .isEqualTo(3);
    assertThat(registry.get("eventbus.type.filtered").tag("type", type).functionCounter().count())
        .isEqualTo(3);
    assertThat(
            registry
                .get("eventbus.subscription.delivered")
                .tags("subscription", "evens", "bus", "test")
                .functionCounter()
                .count())
        .isEqualTo(3);

    // Read again at once after more traffic: no stale snapshot.
    bus.publish(new Ping(10));
    assertThat(registry.get("eventbus.type.published").tag("type", type).functionCounter().count())
        .isEqualTo(7);
    assertThat(
            registry
                .get("eventbus.subscription.delivered")
                .tag("subscription", "evens")
                .functionCounter()
                .count())
        .isEqualTo(4);
  }

  @Test
  void typeMeters_areRegisteredOnTheFirstPublish_taggedWithTheEventsTypeName() {
    bus = syncBus(false);
    bus.subscribe(OrderPlaced.class, event -> {}, named("orders"));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new EventBusMetrics(bus).bindTo(registry);
    assertThat(registry.find("eventbus.type.published").meters()).isEmpty();

    bus.publish(new OrderPlaced("1"));

    assertThat(
            registry.get("eventbus.type.published").tag("type", "order.placed").functionCounter())
        .isNotNull();
    // Every meter with a `type` tag means the event's type name, never the subscribed class.
    for (Meter meter : registry.getMeters()) {
      String tagged = meter.getId().getTag("type");
      if (tagged != null) {
        assertThat(tagged).as(meter.getId().toString()).isEqualTo("order.placed");
      }
    }
  }

  @Test
  void everyMeter_hasADescription_andNoneCarriesAPerProcessId() {
    bus = syncBus(false);
    bus.subscribe(Ping.class, event -> {}, named("one"));
    bus.subscribe(
        Ping.class,
        event -> {},
        SubscriptionOptions.builder().name("two").mode(ProcessingMode.ASYNC).build());
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new EventBusMetrics(bus).bindTo(registry);
    bus.publish(new Ping(1));

    assertThat(registry.getMeters()).hasSizeGreaterThan(20);
    for (Meter meter : registry.getMeters()) {
      assertThat(meter.getId().getDescription()).as(meter.getId().toString()).isNotBlank();
      assertThat(meter.getId().getTags())
          .extracting(Tag::getKey)
          .as(meter.getId().toString())
          .doesNotContain("subscription.id", "id");
    }
  }

  @Test
  void handlerLatency_isATimer_countingEveryTimedCall() {
    bus = syncBus(true);
    AtomicInteger calls = new AtomicInteger();
    bus.subscribe(Ping.class, event -> calls.incrementAndGet(), named("first"));
    bus.subscribe(Ping.class, event -> calls.incrementAndGet(), named("second"));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new EventBusMetrics(bus).bindTo(registry);

    for (int i = 0; i < 5; i++) {
      bus.publish(new Ping(i));
    }

    for (String name : List.of("first", "second")) {
      Timer timer = registry.get("eventbus.handler").tag("subscription", name).timer();
      assertThat(timer.count()).as(name).isEqualTo(5);
      assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).as(name).isPositive();
      assertThat(timer.getId().getBaseUnit()).isEqualTo("seconds");
    }
    assertThat(calls).hasValue(10);
  }

  @Test
  void handlerLatency_ofAsyncSubscriptions_isTimedOnTheWorker() throws Exception {
    bus =
        EventBusFactory.createWithConfig(
            EventBusConfig.builder()
                .metrics(MetricsConfig.builder().recordLatency(true).build())
                .build());
    bus.subscribe(
        Ping.class,
        event -> {},
        SubscriptionOptions.builder().name("worker").mode(ProcessingMode.ASYNC).build());
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new EventBusMetrics(bus).bindTo(registry);

    bus.publishAsync(new Ping(1)).get(10, TimeUnit.SECONDS);
    bus.publishAsync(new Ping(2)).get(10, TimeUnit.SECONDS);

    Timer timer =
        registry.get("eventbus.handler").tags("subscription", "worker", "mode", "ASYNC").timer();
    assertThat(timer.count()).isEqualTo(2);
  }

  @Test
  void percentiles_areWhatTheRegistrysFiltersConfigure() {
    bus = syncBus(true);
    bus.subscribe(Ping.class, event -> {}, named("p"));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    registry
        .config()
        .meterFilter(
            new MeterFilter() {
              @Override
              public DistributionStatisticConfig configure(
                  Meter.Id id, DistributionStatisticConfig config) {
                return id.getName().equals("eventbus.handler")
                    ? DistributionStatisticConfig.builder()
                        .percentiles(0.5, 0.99)
                        .build()
                        .merge(config)
                    : config;
              }
            });
    new EventBusMetrics(bus).bindTo(registry);
    for (int i = 0; i < 10; i++) {
      bus.publish(new Ping(i));
    }

    Timer timer = registry.get("eventbus.handler").tag("subscription", "p").timer();
    assertThat(timer.takeSnapshot().percentileValues()).hasSize(2);
    assertThat(timer.max(TimeUnit.NANOSECONDS)).isPositive();
  }

  @Test
  void aSampledSubscription_timesOneCallIn64ByDefault() {
    bus = syncBus(false);
    bus.subscribe(Ping.class, event -> {}, named("sampled"));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new EventBusMetrics(bus).bindTo(registry);

    for (int i = 0; i < 128; i++) {
      bus.publish(new Ping(i));
    }

    // The first publish on this thread and the 65th.
    assertThat(registry.get("eventbus.handler").tag("subscription", "sampled").timer().count())
        .isEqualTo(2);
  }

  @Test
  void aLambdaWithoutAName_isTaggedWithAStableName() {
    bus = syncBus(false);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new EventBusMetrics(bus).bindTo(registry);

    Subscription subscription = bus.subscribe(Ping.class, event -> {});

    String expected =
        EventBusMetricsTest.class.getName() + "$$Lambda(" + Ping.class.getName() + ")";
    assertThat(subscription.name()).isEqualTo(expected);
    assertThat(registry.get("eventbus.handler").tag("subscription", expected).timer()).isNotNull();
  }

  @Test
  void subscriptionsSharingANameAndMode_shareTheirMeters_untilTheLastCloses() {
    bus = syncBus(true);
    Subscription first = bus.subscribe(Ping.class, event -> {}, named("shared"));
    Subscription second = bus.subscribe(Ping.class, event -> {}, named("shared"));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new EventBusMetrics(bus).bindTo(registry);

    bus.publish(new Ping(1));

    assertThat(
            registry
                .get("eventbus.subscription.delivered")
                .tag("subscription", "shared")
                .functionCounter()
                .count())
        .isEqualTo(2);
    assertThat(registry.get("eventbus.handler").tag("subscription", "shared").timer().count())
        .isEqualTo(2);
    first.close();
    assertThat(registry.find("eventbus.handler").tag("subscription", "shared").timer()).isNotNull();
    second.close();
    assertThat(registry.find("eventbus.handler").tag("subscription", "shared").timer()).isNull();
  }

  @Test
  void aSecondRegistry_getsTheMetersToo_andTheTimerRecordsIntoBoth() {
    bus = syncBus(true);
    bus.subscribe(Ping.class, event -> {}, named("both"));
    SimpleMeterRegistry one = new SimpleMeterRegistry();
    SimpleMeterRegistry two = new SimpleMeterRegistry();
    EventBusMetrics metrics = new EventBusMetrics(bus);
    metrics.bindTo(one);
    bus.publish(new Ping(1));
    metrics.bindTo(two);
    bus.publish(new Ping(2));

    assertThat(one.get("eventbus.handler").timer().count()).isEqualTo(2);
    assertThat(two.get("eventbus.handler").timer().count()).isEqualTo(1);
    assertThat(two.get("eventbus.type.published").functionCounter().count()).isEqualTo(2);
  }

  @Test
  void close_removesTheMeters_andStopsRecording() {
    bus = syncBus(true);
    bus.subscribe(Ping.class, event -> {}, named("closing"));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    EventBusMetrics metrics = new EventBusMetrics(bus);
    metrics.bindTo(registry);
    Timer timer = registry.get("eventbus.handler").timer();

    metrics.close();
    bus.publish(new Ping(1));
    bus.subscribe(Ping.class, event -> {}, named("later"));

    assertThat(registry.find("eventbus.handler").meters()).isEmpty();
    assertThat(timer.count()).isZero();
  }

  @Test
  void bindsOnlyTheBusWideGaugeWithMetricsOff() {
    bus =
        EventBusFactory.createWithConfig(
            EventBusConfig.builder()
                .metrics(MetricsConfig.builder().enabled(false).build())
                .build());
    bus.subscribe(Ping.class, event -> {});
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new EventBusMetrics(bus).bindTo(registry);
    bus.publish(new Ping(1));

    assertThat(registry.get("eventbus.subscriptions").gauge().value()).isEqualTo(1);
    assertThat(registry.getMeters()).hasSize(1);
  }

  @Test
  void aNegativeMaxAge_isRefused() {
    bus = syncBus(false);
    assertThatThrownBy(() -> new EventBusMetrics(bus, Tags.empty(), Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxAge");
  }
}
