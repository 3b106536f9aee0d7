/**
 * Tracing and context propagation for the bus: {@link
 * dev.eventbus.tracing.OpenTelemetryContextPropagator}, a {@link
 * dev.eventbus.api.spi.ContextPropagator} on OpenTelemetry and the SLF4J MDC.
 */
@NullMarked
package dev.eventbus.tracing;

import org.jspecify.annotations.NullMarked;
