package dev.eventbus.tracing;

import dev.eventbus.api.spi.ContextPropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.Map;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ContextPropagator} on OpenTelemetry: carries the publisher's {@link Context} (its span,
 * and so its trace, and any baggage) to the handlers of its events, and with it the SLF4J MDC when
 * SLF4J is on the class path (or module path). Writes and reads the span as W3C Trace Context
 * headers ({@code traceparent}, {@code tracestate}), so a durable redelivery after a restart and a
 * record that crossed a transport continue the publisher's trace: spans a handler starts are its
 * children. Micrometer Tracing on its OpenTelemetry bridge keeps its current span in the same
 * {@link Context}, so it is carried too.
 *
 * <pre>{@code
 * UnifiedEventBus bus =
 *     EventBusFactory.builder()
 *         .contextPropagator(OpenTelemetryContextPropagator.create())
 *         .build();
 * }</pre>
 *
 * <p>A publisher with neither a context of its own nor an MDC captures nothing. The MDC travels
 * within the process only (not in the stored event nor over a transport). Thread-safe.
 *
 * @since 0.1
 */
public final class OpenTelemetryContextPropagator implements ContextPropagator {

  private static final TextMapGetter<Map<String, String>> MAP_GETTER =
      (carrier, key) -> carrier == null ? null : carrier.get(key);

  private final boolean carriesMdc;

  private OpenTelemetryContextPropagator(boolean carriesMdc) {
    this.carriesMdc = carriesMdc;
  }

  /**
   * A propagator of the OpenTelemetry context, and of the SLF4J MDC if SLF4J is there.
   *
   * @return the propagator
   */
  public static OpenTelemetryContextPropagator create() {
    return new OpenTelemetryContextPropagator(Mdc.available());
  }

  /**
   * A propagator of the OpenTelemetry context only, leaving the MDC alone.
   *
   * @return the propagator
   */
  public static OpenTelemetryContextPropagator withoutMdc() {
    return new OpenTelemetryContextPropagator(false);
  }

  /** What one publish captured: the context, and the MDC's entries or {@code null}. */
  private record Captured(Context context, @Nullable Map<String, String> mdc) {}

  /**
   * The calling thread's OpenTelemetry context and MDC.
   *
   * @return them, or {@code null} if the context is the root one and the MDC is empty
   */
  @Override
  public @Nullable Object capture() {
    Context context = Context.current();
    Map<String, String> mdc = carriesMdc ? Mdc.copy() : null;
    if (context == Context.root() && mdc == null) {
      return null;
    }
    return new Captured(context, mdc);
  }

  /**
   * Makes the captured context current and, if this propagator carries it, sets the MDC to the
   * captured entries; closing the scope puts back both as they were.
   *
   * @param captured a value {@link #capture} or {@link #extract} returned
   * @return the scope to close after the handler
   */
  @Override
  public ContextPropagator.Scope restore(Object captured) {
    Captured restored = (Captured) captured;
    // Qualified: inside this class, Scope is the bus's own (ContextPropagator.Scope).
    io.opentelemetry.context.Scope otel = restored.context().makeCurrent();
    if (!carriesMdc) {
      return otel::close;
    }
    Map<String, String> before = Mdc.set(restored.mdc());
    return () -> {
      Mdc.set(before);
      otel.close();
    };
  }

  /**
   * Writes the captured context's span as {@code traceparent} (and {@code tracestate}); nothing if
   * it has no valid span.
   *
   * @param captured a value {@link #capture} or {@link #extract} returned
   * @param headers told each header's name and value
   */
  @Override
  public void inject(Object captured, BiConsumer<String, String> headers) {
    W3CTraceContextPropagator.getInstance()
        .inject(((Captured) captured).context(), headers, BiConsumer::accept);
  }

  /**
   * The remote span {@code traceparent} and {@code tracestate} name, as the parent of what runs in
   * the returned context.
   *
   * @param headers the stored event's or record's headers
   * @return the context, or {@code null} if there is no valid {@code traceparent}
   */
  @Override
  public @Nullable Object extract(Map<String, String> headers) {
    Context context =
        W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, MAP_GETTER);
    if (!Span.fromContext(context).getSpanContext().isValid()) {
      return null;
    }
    return new Captured(context, null);
  }

  @Override
  public String toString() {
    return "OpenTelemetryContextPropagator{mdc=" + carriesMdc + '}';
  }
}
