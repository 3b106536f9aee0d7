package dev.eventbus.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Micrometer Observation, as a Spring Boot application traces (Micrometer Tracing over its
 * OpenTelemetry bridge): an observation open while an event is published is the parent of the
 * observations its handler makes, on every mode. The bridge keeps the observation's span as
 * OpenTelemetry's current context, which {@link OpenTelemetryContextPropagator} carries.
 */
class ObservationPropagationTest {

  private final Tracing tracing = new Tracing();
  private final ObservationRegistry observations = ObservationRegistry.create();
  private final UnifiedEventBus bus =
      EventBusFactory.builder().contextPropagator(OpenTelemetryContextPropagator.create()).build();

  ObservationPropagationTest() {
    OtelTracer tracer = new OtelTracer(tracing.tracer, new OtelCurrentTraceContext(), event -> {});
    observations
        .observationConfig()
        .observationHandler(new DefaultTracingObservationHandler(tracer));
  }

  @AfterEach
  void close() {
    bus.stop(Duration.ofSeconds(5));
    tracing.close();
  }

  @ParameterizedTest
  @EnumSource(ProcessingMode.class)
  void anObservationOpenAtPublishIsTheParentOfTheHandlersObservation(ProcessingMode mode) {
    bus.subscribe(
        Placed.class,
        event ->
            Observation.createNotStarted("ship " + event.orderId(), observations).observe(() -> {}),
        SubscriptionOptions.builder().mode(mode).name("shipping").build());

    Observation.createNotStarted("checkout", observations)
        .observe(() -> bus.publish(new Placed("o-1", "a")));

    SpanData checkout = tracing.finished("checkout");
    SpanData ship = tracing.finished("ship o-1");
    assertThat(ship.getTraceId()).isEqualTo(checkout.getTraceId());
    assertThat(ship.getParentSpanId()).isEqualTo(checkout.getSpanId());

    // Outside any observation, the handler's observation starts a trace of its own.
    bus.publish(new Placed("o-2", "a"));
    SpanData alone = tracing.finished("ship o-2");
    assertThat(alone.getTraceId()).isNotEqualTo(checkout.getTraceId());
    assertThat(alone.getParentSpanContext().isValid()).isFalse();
  }
}
