package dev.eventbus.processors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.BatchConfig;
import dev.eventbus.api.BatchEventHandler;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.ContextPropagator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The bus's side of context propagation, with a propagator of one thread-local value: captured
 * where the event is published, current in every attempt and in the final failure's report, put
 * back afterwards, each restore closed once.
 */
class ContextPropagatorTest {

  private static final ThreadLocal<@Nullable String> REQUEST = new ThreadLocal<>();

  /** Carries {@link #REQUEST}; counts what the bus asks of it. */
  static final class RequestPropagator implements ContextPropagator {
    final AtomicInteger restored = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();

    @Override
    public @Nullable Object capture() {
      return REQUEST.get();
    }

    @Override
    public Scope restore(Object captured) {
      restored.incrementAndGet();
      String before = REQUEST.get();
      REQUEST.set((String) captured);
      return () -> {
        REQUEST.set(before);
        closed.incrementAndGet();
      };
    }

    @Override
    public void inject(Object captured, BiConsumer<String, String> headers) {
      headers.accept(TRACEPARENT, (String) captured);
    }

    @Override
    public @Nullable Object extract(Map<String, String> headers) {
      return headers.get(TRACEPARENT);
    }
  }

  private final List<UnifiedEventBus> buses = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    buses.forEach(bus -> bus.stop(Duration.ofSeconds(5)));
    REQUEST.remove();
  }

  record Order(String id) {}

  @ParameterizedTest
  @EnumSource(
      value = ProcessingMode.class,
      names = {"ASYNC", "BATCH", "ADAPTIVE"})
  void everyAttemptAndTheFinalFailureRunInThePublishersContext_whichIsPutBackAfter(
      ProcessingMode mode) {
    RequestPropagator propagator = new RequestPropagator();
    List<String> reported = new CopyOnWriteArrayList<>();
    UnifiedEventBus bus =
        EventBusFactory.builder()
            .contextPropagator(propagator)
            .exceptionHandler(failure -> reported.add(String.valueOf(REQUEST.get())))
            .build();
    buses.add(bus);
    List<String> attempts = new CopyOnWriteArrayList<>();
    bus.subscribe(
        Order.class,
        order -> {
          attempts.add(order.id() + ":" + REQUEST.get());
          if (order.id().equals("fails")) {
            throw new IllegalStateException("always");
          }
        },
        SubscriptionOptions.builder()
            .mode(mode)
            .retryPolicy(RetryPolicy.fixed(3, Duration.ofMillis(5)))
            .build());

    REQUEST.set("r-1");
    bus.publish(new Order("fails"));
    REQUEST.set("r-2");
    bus.publish(new Order("ok"));
    REQUEST.remove();
    bus.publish(new Order("none"));

    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> attempts.size() == 5 && reported.size() == 1);
    assertThat(attempts)
        .containsExactlyInAnyOrder("fails:r-1", "fails:r-1", "fails:r-1", "ok:r-2", "none:null");
    assertThat(reported).containsExactly("r-1");
    Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> propagator.closed.get() == propagator.restored.get());
    if (mode != ProcessingMode.ADAPTIVE) { // which may run them inline, with nothing to restore
      assertThat(propagator.restored.get()).isPositive();
    }
    assertThat(REQUEST.get()).isNull();
  }

  @Test
  void aBatchHandler_seesEachEventInItsOwnPublishersContext_beforeEveryAttempt() {
    RequestPropagator propagator = new RequestPropagator();
    UnifiedEventBus bus =
        EventBusFactory.builder()
            .contextPropagator(propagator)
            .config(
                EventBusConfig.builder()
                    .batch(
                        BatchConfig.builder()
                            .adaptiveBatching(false)
                            .batchInterval(Duration.ofHours(1))
                            .build())
                    .build())
            .build();
    buses.add(bus);
    List<String> seen = new CopyOnWriteArrayList<>();
    List<String> batchContexts = new CopyOnWriteArrayList<>();
    AtomicInteger calls = new AtomicInteger();
    bus.subscribe(
        Order.class,
        new BatchEventHandler<Order>() {
          @Override
          public void beforeBatch(Order order) {
            seen.add(order.id() + ":" + REQUEST.get());
          }

          @Override
          public void handleBatch(List<Order> orders) {
            batchContexts.add(String.valueOf(REQUEST.get()));
            if (calls.incrementAndGet() == 1) {
              throw new IllegalStateException("once");
            }
          }
        },
        SubscriptionOptions.builder()
            .mode(ProcessingMode.BATCH)
            .batchSize(3)
            .retryPolicy(RetryPolicy.fixed(2, Duration.ZERO))
            .build());

    REQUEST.set("r-1");
    bus.publish(new Order("a"));
    REQUEST.set("r-2");
    bus.publish(new Order("b"));
    REQUEST.remove();
    bus.publish(new Order("c"));

    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> batchContexts.size() == 2);
    assertThat(seen).containsExactly("a:r-1", "b:r-2", "c:null", "a:r-1", "b:r-2", "c:null");
    assertThat(batchContexts).containsExactly("r-1", "r-1");
  }

  @ParameterizedTest
  @EnumSource(
      value = ProcessingMode.class,
      names = {"ASYNC", "BATCH"}) // ADAPTIVE may run a delivery inline, on the publisher's thread
  void withoutAPropagatorNothingIsCarried(ProcessingMode mode) {
    UnifiedEventBus bus = EventBusFactory.builder().build();
    buses.add(bus);
    List<String> seen = new CopyOnWriteArrayList<>();
    bus.subscribe(
        Order.class,
        order -> seen.add(String.valueOf(REQUEST.get())),
        SubscriptionOptions.builder().mode(mode).build());
    REQUEST.set("r-1");
    bus.publish(new Order("o"));
    REQUEST.remove();
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1);
    assertThat(seen).containsExactly("null");
  }
}
