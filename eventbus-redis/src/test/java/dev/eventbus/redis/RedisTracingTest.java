package dev.eventbus.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.ContextPropagator;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.tracing.OpenTelemetryContextPropagator;
import dev.eventbus.transportsupport.OrderPlaced;
import io.lettuce.core.StreamMessage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One trace from a publish in one service to a handler in another across a Redis stream: the relay
 * writes the publisher's trace as the {@code traceparent} field through the bus's propagator, the
 * inbound side publishes the entry's event in it.
 */
class RedisTracingTest {

  private final Buses buses = new Buses();
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  private final Tracer tracer = provider.get("eventbus-redis-test");

  @AfterEach
  void closeAll() {
    buses.close();
    provider.close();
  }

  private Optional<SpanData> finished(String name) {
    return exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).findAny();
  }

  @Test
  @SuppressWarnings("try") // the span's scope is only closed
  void theHandlerBehindTheStreamContinuesThePublishersTrace() throws Exception {
    TestRedis server = TestRedis.shared();
    Streams streams = buses.add(new Streams(server));
    String stream = "traced-" + UUID.randomUUID();
    ContextPropagator propagator = OpenTelemetryContextPropagator.create();

    UnifiedEventBus sender = buses.bus(Buses.storage(), propagator);
    buses
        .add(
            RedisRelay.builder(server.uri(), Buses.codec())
                .route(OrderPlaced.class, stream, OrderPlaced::orderId)
                .contextPropagator(propagator)
                .build())
        .attach(sender);

    DurableStorage receiverStorage = Buses.storage();
    UnifiedEventBus receiver = buses.bus(receiverStorage, propagator);
    receiver.subscribe(
        OrderPlaced.class,
        order -> tracer.spanBuilder("handle " + order.orderId()).startSpan().end(),
        SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).name("orders").build());
    buses.add(
        RedisInbound.builder(server.uri(), "g-" + UUID.randomUUID(), receiver, receiverStorage)
            .streams(stream)
            .contextPropagator(propagator)
            .build()
            .start());

    Span publish = tracer.spanBuilder("publish").startSpan();
    try (Scope scope = publish.makeCurrent()) {
      sender.publish(new OrderPlaced("order-1", "account-1", 1));
    } finally {
      publish.end();
    }
    // Published outside any trace: its entry carries none, and its handler starts a trace of its
    // own.
    sender.publish(new OrderPlaced("order-2", "account-1", 2));

    SpanData handled =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> finished("handle order-1"), Optional::isPresent)
            .get();
    assertThat(handled.getTraceId()).isEqualTo(publish.getSpanContext().getTraceId());
    assertThat(handled.getParentSpanId()).isEqualTo(publish.getSpanContext().getSpanId());
    assertThat(handled.getParentSpanContext().isRemote()).isTrue();

    SpanData untraced =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> finished("handle order-2"), Optional::isPresent)
            .get();
    assertThat(untraced.getParentSpanContext().isValid()).isFalse();
    assertThat(untraced.getTraceId()).isNotEqualTo(publish.getSpanContext().getTraceId());

    List<Map<String, String>> entries =
        streams.all(stream).stream().map(StreamMessage::getBody).toList();
    assertThat(entries).hasSize(2);
    assertThat(entries.get(0).get(RedisFields.TRACEPARENT))
        .isEqualTo(
            "00-"
                + publish.getSpanContext().getTraceId()
                + "-"
                + publish.getSpanContext().getSpanId()
                + "-"
                + publish.getSpanContext().getTraceFlags().asHex());
    assertThat(entries.get(1)).doesNotContainKeys(RedisFields.TRACEPARENT, RedisFields.TRACESTATE);
  }

  @Test
  void aStreamEntryWithoutTrace_isPublishedOutsideAnyTrace_andAnInboundWithoutPropagatorIgnoresIt()
      throws Exception {
    TestRedis server = TestRedis.shared();
    Streams streams = buses.add(new Streams(server));
    String stream = "untraced-" + UUID.randomUUID();
    ContextPropagator propagator = OpenTelemetryContextPropagator.create();
    DurableStorage receiverStorage = Buses.storage();
    UnifiedEventBus receiver = buses.bus(receiverStorage, propagator);
    receiver.subscribe(
        OrderPlaced.class,
        order -> tracer.spanBuilder("handle " + order.orderId()).startSpan().end(),
        SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).name("orders").build());
    // No propagator on the inbound side: the entry's trace field is not continued.
    buses.add(
        RedisInbound.builder(server.uri(), "g-" + UUID.randomUUID(), receiver, receiverStorage)
            .streams(stream)
            .build()
            .start());
    String foreignTrace = "00-" + "ab".repeat(16) + "-" + "cd".repeat(8) + "-01";
    streams.add(
        stream,
        RedisFields.EVENT_ID,
        "order-9",
        RedisFields.EVENT_TYPE,
        "order.placed",
        RedisFields.EVENT_VERSION,
        "1",
        RedisFields.TRACEPARENT,
        foreignTrace,
        RedisFields.PAYLOAD,
        "{\"orderId\":\"order-9\",\"account\":\"a\",\"sequence\":9}");

    SpanData handled =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> finished("handle order-9"), Optional::isPresent)
            .get();
    assertThat(handled.getTraceId()).isNotEqualTo("ab".repeat(16));
    assertThat(handled.getParentSpanContext().isValid()).isFalse();
  }
}
