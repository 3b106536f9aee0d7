package dev.eventbus.transportsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.ContextPropagator;
import dev.eventbus.tracing.OpenTelemetryContextPropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.Optional;

/**
 * One trace from a publish in one service to a handler in another, on the OpenTelemetry SDK with an
 * in-memory exporter: the sender publishes {@code order-1} in a span and {@code order-2} outside
 * any trace; the receiver's handler starts a span per order. A transport's tracing test joins the
 * two buses with its relay and inbound side (both given {@link #propagator()}), runs {@link
 * #publish} and {@link #assertTheHandlerContinuedThePublishersTrace}, and checks its wire fields
 * against {@link #expectedTraceparent()}.
 */
public final class TraceScenario implements AutoCloseable {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  private final Tracer tracer = provider.get("eventbus-transport-test");
  private final ContextPropagator propagator = OpenTelemetryContextPropagator.create();
  private SpanContext published = SpanContext.getInvalid();

  /** A tracer provider of its own; nothing published yet. */
  public TraceScenario() {}

  /**
   * The OpenTelemetry propagator for the buses, the relay and the inbound side.
   *
   * @return the propagator
   */
  public ContextPropagator propagator() {
    return propagator;
  }

  /**
   * Subscribes the handler that starts a span {@code handle <order id>} per order.
   *
   * @param receiver the receiving bus
   */
  public void handleOn(UnifiedEventBus receiver) {
    receiver.subscribe(
        OrderPlaced.class,
        order -> tracer.spanBuilder("handle " + order.orderId()).startSpan().end(),
        SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).name("orders").build());
  }

  /**
   * Publishes {@code order-1} in the span {@code publish}, then {@code order-2} outside any trace.
   *
   * @param sender the sending bus
   */
  @SuppressWarnings("try") // the span's scope is only closed
  public void publish(UnifiedEventBus sender) {
    Span publish = tracer.spanBuilder("publish").startSpan();
    try (Scope scope = publish.makeCurrent()) {
      sender.publish(new OrderPlaced("order-1", "account-1", 1));
    } finally {
      publish.end();
    }
    published = publish.getSpanContext();
    sender.publish(new OrderPlaced("order-2", "account-1", 2));
  }

  /**
   * The W3C {@code traceparent} of the {@code publish} span, which {@code order-1}'s message
   * carries.
   *
   * @return {@code 00-<trace id>-<span id>-<flags>}
   */
  public String expectedTraceparent() {
    return "00-"
        + published.getTraceId()
        + "-"
        + published.getSpanId()
        + "-"
        + published.getTraceFlags().asHex();
  }

  /**
   * The span the receiver's handler ended for an order, once it is there.
   *
   * @param orderId the order's id
   * @return the span
   */
  public SpanData handled(String orderId) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> finished("handle " + orderId), Optional::isPresent)
        .orElseThrow();
  }

  /**
   * Checks that {@code order-1}'s handler is the remote child of the {@code publish} span and that
   * {@code order-2}'s handler started a trace of its own.
   */
  public void assertTheHandlerContinuedThePublishersTrace() {
    SpanData traced = handled("order-1");
    assertThat(traced.getTraceId()).isEqualTo(published.getTraceId());
    assertThat(traced.getParentSpanId()).isEqualTo(published.getSpanId());
    assertThat(traced.getParentSpanContext().isRemote()).isTrue();
    SpanData untraced = handled("order-2");
    assertThat(untraced.getParentSpanContext().isValid()).isFalse();
    assertThat(untraced.getTraceId()).isNotEqualTo(published.getTraceId());
  }

  private Optional<SpanData> finished(String name) {
    return exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).findAny();
  }

  /** Closes the tracer provider. */
  @Override
  public void close() {
    provider.close();
  }
}
