package dev.eventbus.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.DomainEvent;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.EventHandler;
import dev.eventbus.api.MetricsConfig;
import dev.eventbus.api.MetricsListener;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.TypeStats;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine's metrics hook: what a {@link MetricsListener} is told, and when. */
class MetricsListenerTest {

  record Ping(int n) {}

  record Named(String type) implements DomainEvent {
    @Override
    public String eventType() {
      return type;
    }
  }

  /** Writes down what it is told; records latencies into one sum per subscription name. */
  static final class Recording implements MetricsListener {
    final List<String> told = new ArrayList<>();
    final List<Long> latencies = new ArrayList<>();

    @Override
    public synchronized LatencyRecorder subscribed(Subscription subscription) {
      told.add("+" + subscription.name());
      return nanos -> {
        synchronized (this) {
          latencies.add(nanos);
        }
      };
    }

    @Override
    public synchronized void unsubscribed(Subscription subscription) {
      told.add("-" + subscription.name());
    }

    @Override
    public synchronized void typeCounted(String type) {
      told.add("type " + type);
    }
  }

  private EventBusCore bus;

  @AfterEach
  void close() {
    if (bus != null) {
      bus.close();
    }
  }

  private static EventBusCore bus(MetricsConfig metrics) {
    return EventBusCore.builder().config(EventBusConfig.builder().metrics(metrics).build()).build();
  }

  private static SubscriptionOptions named(String name) {
    return SubscriptionOptions.builder().name(name).build();
  }

  @Test
  void aListenerAddedLate_isToldOfWhatIsThere_thenOfWhatComes_eachOnce() {
    bus = bus(MetricsConfig.defaults());
    bus.subscribe(Ping.class, event -> {}, named("early"));
    bus.publish(new Ping(1));
    Recording listener = new Recording();

    bus.addMetricsListener(listener);
    bus.addMetricsListener(listener); // once only
    Subscription late = bus.subscribe(Ping.class, event -> {}, named("late"));
    bus.publish(new Ping(2));
    bus.publish(new Named("named.type"));
    bus.publish(new Named("named.type"));
    late.close();
    late.close();

    assertThat(listener.told)
        .containsExactly(
            "type " + Ping.class.getName(), "+early", "+late", "type named.type", "-late");
  }

  @Test
  void typesPastTheBound_areAnnouncedOnceAsOther() {
    bus = bus(MetricsConfig.builder().maxTrackedEventTypes(1).build());
    Recording listener = new Recording();
    bus.addMetricsListener(listener);

    bus.publish(new Named("a"));
    bus.publish(new Named("b"));
    bus.publish(new Named("c"));

    assertThat(listener.told).containsExactly("type a", "type " + TypeStats.OTHER);
  }

  @Test
  void withRecordLatency_everySyncDeliveryIsRecorded_withOneClockReadChainedToTheNext() {
    bus = bus(MetricsConfig.builder().recordLatency(true).build());
    Recording listener = new Recording();
    bus.addMetricsListener(listener);
    for (int i = 0; i < 3; i++) {
      bus.subscribe(Ping.class, event -> {}, named("s" + i));
    }

    for (int i = 0; i < 4; i++) {
      bus.publish(new Ping(i));
    }

    assertThat(listener.latencies)
        .hasSize(12)
        .allSatisfy(nanos -> assertThat(nanos).isNotNegative());
  }

  @Test
  void aRemovedListener_recordsNothingMore_andIsToldNothingMore() {
    bus = bus(MetricsConfig.builder().recordLatency(true).build());
    Recording listener = new Recording();
    bus.addMetricsListener(listener);
    bus.subscribe(Ping.class, event -> {}, named("one"));
    bus.publish(new Ping(1));

    bus.removeMetricsListener(listener);
    bus.publish(new Ping(2));
    bus.subscribe(Ping.class, event -> {}, named("two"));

    assertThat(listener.latencies).hasSize(1);
    assertThat(listener.told).containsExactly("+one", "type " + Ping.class.getName());
  }

  @Test
  void withMetricsOff_onlySubscriptionsAreTold_andNothingIsTimed() {
    bus = bus(MetricsConfig.builder().enabled(false).recordLatency(true).build());
    Recording listener = new Recording();
    bus.addMetricsListener(listener);
    bus.subscribe(Ping.class, event -> {}, named("off"));

    bus.publish(new Ping(1));

    assertThat(listener.told).containsExactly("+off");
    assertThat(listener.latencies).isEmpty();
  }

  @Test
  void aListenerThatThrows_doesNotStopSubscribingOrPublishing() {
    bus = bus(MetricsConfig.builder().recordLatency(true).build());
    AtomicLong delivered = new AtomicLong();
    bus.addMetricsListener(
        new MetricsListener() {
          @Override
          public LatencyRecorder subscribed(Subscription subscription) {
            throw new IllegalStateException("broken listener");
          }

          @Override
          public void unsubscribed(Subscription subscription) {
            throw new IllegalStateException("broken listener");
          }
        });

    Subscription subscription =
        bus.subscribe(Ping.class, event -> delivered.incrementAndGet(), named("survives"));
    bus.publish(new Ping(1));
    subscription.close();

    assertThat(delivered).hasValue(1);
    assertThat(subscription.isActive()).isFalse();
  }

  @Test
  void subscriptionsMadeWhileAListenerIsAdded_areEachToldOnce() throws Exception {
    bus = bus(MetricsConfig.defaults());
    int threads = 4;
    int each = 200;
    Recording listener = new Recording();
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads + 1);
    List<Thread> subscribers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread subscriber =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
                for (int i = 0; i < each; i++) {
                  bus.subscribe(Ping.class, event -> {}, named(thread + "-" + i));
                }
              });
      subscriber.start();
      subscribers.add(subscriber);
    }
    start.await();
    bus.addMetricsListener(listener);
    for (Thread subscriber : subscribers) {
      subscriber.join(TimeUnit.SECONDS.toMillis(30));
      assertThat(subscriber.isAlive()).isFalse();
    }

    synchronized (listener) {
      assertThat(listener.told).hasSize(threads * each).doesNotHaveDuplicates();
    }
  }

  @Test
  void aNullListener_isRefused() {
    bus = bus(MetricsConfig.defaults());
    assertThatThrownBy(() -> bus.addMetricsListener(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("listener");
  }

  @Test
  void aLambdaWithoutAName_getsANameStableAcrossRuns() {
    bus = bus(MetricsConfig.defaults());
    EventHandler<Ping> lambda = event -> {};

    Subscription subscription = bus.subscribe(Ping.class, lambda);

    assertThat(lambda.name()).contains("$$Lambda").contains("/0x");
    assertThat(subscription.name())
        .isEqualTo(MetricsListenerTest.class.getName() + "$$Lambda(" + Ping.class.getName() + ")");
  }
}
