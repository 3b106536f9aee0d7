/**
 * The publisher's context carried to handlers: {@code OpenTelemetryContextPropagator} captures the
 * OpenTelemetry context (and the SLF4J MDC, when SLF4J is there) where an event is published,
 * restores it where its handlers run, and writes and reads it as W3C Trace Context headers.
 */
// The OpenTelemetry jars ship no module descriptor: their names come from their manifests.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.eventbus.tracing {
  requires transitive dev.eventbus.api;
  requires static org.jspecify;
  requires transitive io.opentelemetry.context;
  requires io.opentelemetry.api;
  requires static org.slf4j;

  exports dev.eventbus.tracing;
}
