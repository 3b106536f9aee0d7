package dev.eventbus.api.spi;

import java.util.Map;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Carries the publisher's context (its trace and span, its logging MDC, whatever an implementation
 * knows) to the handlers of an event, whichever thread runs them and whenever: the bus {@linkplain
 * #capture captures} the context on the publishing thread and {@linkplain #restore restores} it
 * around each handler call of a delivery that runs elsewhere (ASYNC, BATCH, ADAPTIVE, after the
 * commit of a transaction). A durable bus also stores the context with the event as the W3C Trace
 * Context headers {@value #TRACEPARENT} and {@value #TRACESTATE} ({@link #inject}), so that a
 * redelivery after a restart continues the publisher's trace ({@link #extract}); the transports
 * write and read the same headers on their records.
 *
 * <p>A bus built without a propagator calls nothing and keeps nothing per event. Implementations
 * live outside the api ({@code eventbus-tracing} holds one on OpenTelemetry) and are thread-safe.
 * None of the methods may throw; a context that cannot be captured or read is {@code null}.
 *
 * @since 0.1
 */
public interface ContextPropagator {

  /**
   * The W3C Trace Context header that carries the trace id, the parent span id and the sampling
   * flag ({@code 00-<32 hex>-<16 hex>-<2 hex>}); the key under which stored events ({@link
   * StoredEvent#headers()}) and transport records hold it.
   */
  String TRACEPARENT = "traceparent";

  /** The W3C Trace Context header with vendor-specific trace data, next to {@link #TRACEPARENT}. */
  String TRACESTATE = "tracestate";

  /**
   * The calling thread's context, to be {@linkplain #restore restored} where the handler runs.
   *
   * @return the captured context, or {@code null} if there is none worth carrying (then the bus
   *     restores nothing)
   */
  @Nullable Object capture();

  /**
   * Makes a context {@linkplain #capture captured} (or {@linkplain #extract extracted}) current on
   * the calling thread until the returned scope is closed, which puts back what was current before.
   *
   * @param captured a value {@link #capture} or {@link #extract} returned
   * @return the scope to close when the handler returns
   */
  Scope restore(Object captured);

  /**
   * Writes the trace of a captured context as W3C Trace Context headers ({@value #TRACEPARENT}, and
   * {@value #TRACESTATE} when it has one); writes nothing if it holds no valid trace.
   *
   * @param captured a value {@link #capture} or {@link #extract} returned
   * @param headers told each header's name and value
   */
  void inject(Object captured, BiConsumer<String, String> headers);

  /**
   * The context that {@link #inject} wrote into {@code headers}: a remote parent, so that what runs
   * in it continues the trace.
   *
   * @param headers the headers a message carried, by name
   * @return the context, or {@code null} if {@code headers} hold no valid {@value #TRACEPARENT}
   */
  @Nullable Object extract(Map<String, String> headers);

  /** A restored context, made current until {@link #close()}. */
  @FunctionalInterface
  interface Scope extends AutoCloseable {

    /** Puts back the context that was current before the restore. Never throws. */
    @Override
    void close();
  }
}
