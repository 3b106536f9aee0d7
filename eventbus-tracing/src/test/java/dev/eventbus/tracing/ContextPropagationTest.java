package dev.eventbus.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.BatchEventHandler;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.ContextPropagator;
import dev.eventbus.api.spi.StoredEvent;
import dev.eventbus.codec.jackson.JacksonEventCodec;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.durable.InMemoryEventStore;
import dev.eventbus.processors.EventBusFactory;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.MDC;

/**
 * One trace from publish to handler on every mode, across threads and across a restart of a durable
 * bus; the MDC along with it; nothing left behind on the handler's thread.
 */
@SuppressWarnings("try") // scopes opened only to be closed
class ContextPropagationTest {

  private final Tracing tracing = new Tracing();
  private final List<UnifiedEventBus> buses = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    buses.forEach(bus -> bus.stop(Duration.ofSeconds(5)));
    tracing.close();
    MDC.clear();
  }

  private UnifiedEventBus bus(ContextPropagator propagator) {
    UnifiedEventBus bus = EventBusFactory.builder().contextPropagator(propagator).build();
    buses.add(bus);
    return bus;
  }

  /** What a handler saw of its context. */
  record Seen(String thread, String requestId) {}

  /** What a handler does: starts and ends a span named {@code spanName}, and says what it saw. */
  private Seen handle(String spanName) {
    Span span = tracing.start(spanName);
    try {
      return new Seen(Thread.currentThread().getName(), String.valueOf(MDC.get("requestId")));
    } finally {
      span.end();
    }
  }

  /** Publishes {@code event} inside a span named "publish" with an MDC entry; returns the span. */
  private SpanData publishTraced(UnifiedEventBus bus, Object event) {
    Span publish = tracing.start("publish");
    try (Scope scope = publish.makeCurrent()) {
      MDC.put("requestId", "r-42");
      bus.publish(event);
    } finally {
      MDC.remove("requestId");
      publish.end();
    }
    return tracing.finished("publish");
  }

  @ParameterizedTest
  @EnumSource(ProcessingMode.class)
  void theHandlerRunsInThePublishersTraceAndMdc(ProcessingMode mode) {
    UnifiedEventBus bus = bus(OpenTelemetryContextPropagator.create());
    Map<String, Seen> seen = new ConcurrentHashMap<>();
    bus.subscribe(
        Placed.class,
        event -> seen.put(event.orderId(), handle("handle " + event.orderId())),
        SubscriptionOptions.builder().mode(mode).name("traced").build());

    SpanData publish = publishTraced(bus, new Placed("o-1", "a"));

    SpanData handled = tracing.finished("handle o-1");
    assertThat(handled.getTraceId()).isEqualTo(publish.getTraceId());
    assertThat(handled.getParentSpanId()).isEqualTo(publish.getSpanId());
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.containsKey("o-1"));
    assertThat(seen.get("o-1").requestId()).isEqualTo("r-42");
    if (mode == ProcessingMode.ASYNC || mode == ProcessingMode.BATCH) {
      assertThat(seen.get("o-1").thread()).isNotEqualTo(Thread.currentThread().getName());
    }

    // The handler's thread is left as it was: an event published without a context sees none.
    bus.publish(new Placed("o-2", "a"));
    SpanData second = tracing.finished("handle o-2");
    assertThat(second.getTraceId()).isNotEqualTo(publish.getTraceId());
    assertThat(second.getParentSpanContext().isValid()).isFalse();
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.containsKey("o-2"));
    assertThat(seen.get("o-2").requestId()).isEqualTo("null");
  }

  @Test
  void aBatchHandlerRunsInTheTraceOfTheFirstEventOfEachBatch() {
    UnifiedEventBus bus = bus(OpenTelemetryContextPropagator.create());
    BatchEventHandler<Placed> batch =
        events -> handle("batch from " + events.get(0).orderId()).thread();
    bus.subscribe(
        Placed.class,
        batch,
        SubscriptionOptions.builder()
            .mode(ProcessingMode.BATCH)
            .name("batch")
            .batchSize(2)
            .build());

    SpanData first = publishTraced(bus, new Placed("o-1", "a"));
    bus.publish(new Placed("o-2", "a")); // in the same batch or the next, whichever flushes first

    SpanData handled = tracing.finished("batch from o-1");
    assertThat(handled.getTraceId()).isEqualTo(first.getTraceId());
    assertThat(handled.getParentSpanId()).isEqualTo(first.getSpanId());
  }

  @Test
  void withoutAPropagatorAnAsyncHandlerDoesNotSeeThePublishersTrace() {
    UnifiedEventBus bus = EventBusFactory.builder().build();
    buses.add(bus);
    bus.subscribe(
        Placed.class,
        event -> handle("untraced").thread(),
        SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).build());

    SpanData publish = publishTraced(bus, new Placed("o-1", "a"));

    assertThat(tracing.finished("untraced").getTraceId()).isNotEqualTo(publish.getTraceId());
  }

  @Test
  void aDurableRedeliveryAfterARestartContinuesThePublishersTrace() throws Exception {
    InMemoryEventStore store = InMemoryEventStore.create();
    JacksonEventCodec codec =
        JacksonEventCodec.builder().register(Placed.class, "placed", 1).build();
    CountDownLatch never = new CountDownLatch(1);
    UnifiedEventBus first =
        EventBusFactory.builder()
            .storage(DurableStorage.builder(store, codec).build())
            .contextPropagator(OpenTelemetryContextPropagator.create())
            .build();
    SubscriptionOptions ledger =
        SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).name("ledger").build();
    CountDownLatch started = new CountDownLatch(1);
    first.subscribe(
        Placed.class,
        event -> {
          started.countDown();
          never.await(); // a crash, as the store sees it: the delivery never completes
        },
        ledger);
    SpanData publish;
    try {
      publish = publishTraced(first, new Placed("o-1", "a"));
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      first.stop(Duration.ofMillis(200));
    } finally {
      never.countDown();
    }

    StoredEvent stored = store.read(1).orElseThrow();
    assertThat(stored.headers().get(ContextPropagator.TRACEPARENT))
        .isEqualTo(
            "00-"
                + publish.getTraceId()
                + "-"
                + publish.getSpanId()
                + "-"
                + publish.getSpanContext().getTraceFlags().asHex());

    UnifiedEventBus second =
        bus(
            OpenTelemetryContextPropagator.create(),
            DurableStorage.builder(store.reopen(), codec).build());
    second.subscribe(Placed.class, event -> handle("redelivered").thread(), ledger);

    SpanData redelivered = tracing.finished("redelivered");
    assertThat(redelivered.getTraceId()).isEqualTo(publish.getTraceId());
    assertThat(redelivered.getParentSpanId()).isEqualTo(publish.getSpanId());
    assertThat(second.stats().redelivered()).isEqualTo(1);
  }

  private UnifiedEventBus bus(ContextPropagator propagator, DurableStorage storage) {
    UnifiedEventBus bus =
        EventBusFactory.builder().contextPropagator(propagator).storage(storage).build();
    buses.add(bus);
    return bus;
  }

  @Test
  void extractReadsWhatInjectWroteAndRefusesAnInvalidTraceparent() {
    OpenTelemetryContextPropagator propagator = OpenTelemetryContextPropagator.withoutMdc();
    Span span = tracing.start("outer");
    Map<String, String> headers = new ConcurrentHashMap<>();
    try (Scope scope = span.makeCurrent()) {
      propagator.inject(propagator.capture(), headers::put);
    } finally {
      span.end();
    }
    assertThat(headers).containsKey(ContextPropagator.TRACEPARENT);

    Object extracted = propagator.extract(headers);
    assertThat(extracted).isNotNull();
    try (ContextPropagator.Scope restored = propagator.restore(extracted)) {
      assertThat(Span.current().getSpanContext().getTraceId())
          .isEqualTo(span.getSpanContext().getTraceId());
      assertThat(Span.current().getSpanContext().isRemote()).isTrue();
    }
    assertThat(Span.current().getSpanContext().isValid()).isFalse();

    assertThat(propagator.extract(Map.of(ContextPropagator.TRACEPARENT, "00-nonsense"))).isNull();
    assertThat(propagator.extract(Map.of())).isNull();
    assertThat(propagator.capture()).isNull(); // the root context and no MDC: nothing to carry
  }
}
