package dev.eventbus.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventBusMetricsTest {

  record Ping(int n) {}

  @Test
  void exposesCountersPerTypeAndPerSubscription() {
    UnifiedEventBus bus =
        EventBusFactory.createWithConfig(
            EventBusConfig.builder().defaultMode(ProcessingMode.SYNC).build());
    Subscription evens =
        bus.subscribe(
            Ping.class,
            event -> {},
            SubscriptionOptions.builder()
                .name("evens")
                .filter(event -> ((Ping) event).n() % 2 == 0)
                .build());
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new EventBusMetrics(bus, Tags.of("bus", "test"), Duration.ZERO).bindTo(registry);
    for (int i = 0; i < 6; i++) {
      bus.publish(new Ping(i));
    }
    String type = Ping.class.getName();

    // The first read takes a snapshot that registers the type seen since binding.
    assertThat(registry.get("eventbus.subscriptions").gauge().value()).isEqualTo(1);
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
                .tags("subscription", "evens", "type", type)
                .functionCounter()
                .count())
        .isEqualTo(3);
    assertThat(
            registry
                .get("eventbus.subscription.filtered")
                .tag("subscription", "evens")
                .functionCounter()
                .count())
        .isEqualTo(3);
    assertThat(
            registry
                .get("eventbus.subscription.queue.depth")
                .tag("subscription", "evens")
                .gauge()
                .value())
        .isZero();
    assertThat(
            registry
                .get("eventbus.subscription.latency.max")
                .tag("subscription", "evens")
                .timeGauge()
                .value(java.util.concurrent.TimeUnit.NANOSECONDS))
        .isGreaterThanOrEqualTo(0);

    evens.close();
    assertThat(registry.get("eventbus.subscriptions").gauge().value()).isZero();
    assertThat(registry.find("eventbus.subscription.delivered").meters()).isEmpty();
    bus.close();
  }

  @Test
  void bindsOnlyTheBusWideGaugeWithMetricsOff() {
    UnifiedEventBus bus =
        EventBusFactory.createWithConfig(
            EventBusConfig.builder()
                .metrics(dev.eventbus.api.MetricsConfig.builder().enabled(false).build())
                .build());
    bus.subscribe(Ping.class, event -> {});
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new EventBusMetrics(bus).bindTo(registry);
    bus.publish(new Ping(1));

    assertThat(registry.get("eventbus.subscriptions").gauge().value()).isEqualTo(1);
    assertThat(registry.find("eventbus.type.published").meters()).isEmpty();
    assertThat(registry.find("eventbus.subscription.delivered").meters()).isEmpty();
    bus.close();
  }
}
