package dev.eventbus.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;

/** An OpenTelemetry SDK whose finished spans the test reads from its in-memory exporter. */
final class Tracing implements AutoCloseable {

  final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  final Tracer tracer = provider.get("eventbus-tracing-test");

  /** Starts a span whose parent is the calling thread's current one. */
  Span start(String name) {
    return tracer.spanBuilder(name).startSpan();
  }

  /** The finished span named {@code name}, waiting up to ten seconds for it. */
  SpanData finished(String name) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> find(name), found -> found != null);
  }

  private SpanData find(String name) {
    List<SpanData> spans = exporter.getFinishedSpanItems();
    for (SpanData span : spans) {
      if (span.getName().equals(name)) {
        return span;
      }
    }
    return null;
  }

  @Override
  public void close() {
    provider.close();
  }
}
