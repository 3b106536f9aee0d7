package dev.eventbus.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.ContextPropagator;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.tracing.OpenTelemetryContextPropagator;
import dev.eventbus.transportsupport.OrderPlaced;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One trace from a publish in one service to a handler in another: the relay writes the publisher's
 * trace as {@code traceparent}, the inbound side publishes the record's event in it.
 */
class KafkaTracingTest {

  private final Buses buses = new Buses();
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  private final Tracer tracer = provider.get("eventbus-kafka-test");

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
  void theHandlerBehindTheBrokerContinuesThePublishersTrace() throws Exception {
    TestBroker broker = TestBroker.shared();
    String topic = "traced-" + UUID.randomUUID();
    broker.createTopic(topic, 1);
    ContextPropagator propagator = OpenTelemetryContextPropagator.create();

    UnifiedEventBus sender = buses.bus(Buses.storage(), propagator);
    buses
        .add(
            KafkaRelay.builder(broker.bootstrapServers(), Buses.codec())
                .route(OrderPlaced.class, topic, OrderPlaced::orderId)
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
        KafkaInbound.builder(
                broker.bootstrapServers(), "g-" + UUID.randomUUID(), receiver, receiverStorage)
            .topics(topic)
            .contextPropagator(propagator)
            .build()
            .start());

    Span publish = tracer.spanBuilder("publish").startSpan();
    try (Scope scope = publish.makeCurrent()) {
      sender.publish(new OrderPlaced("order-1", "account-1", 1));
    } finally {
      publish.end();
    }
    // Published outside any trace: its record carries none, and its handler starts a trace of its
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

    List<ConsumerRecord<String, byte[]>> records =
        Records.read(broker.bootstrapServers(), topic, 2);
    assertThat(records).hasSize(2);
    assertThat(Records.header(records.get(0), KafkaHeaders.TRACEPARENT))
        .startsWith(
            "00-"
                + publish.getSpanContext().getTraceId()
                + "-"
                + publish.getSpanContext().getSpanId()
                + "-");
    assertThat(records.get(1).headers().lastHeader(KafkaHeaders.TRACEPARENT)).isNull();
  }
}
