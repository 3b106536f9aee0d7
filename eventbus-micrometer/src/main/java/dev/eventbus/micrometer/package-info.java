/**
 * {@link dev.eventbus.micrometer.EventBusMetrics}: a Micrometer {@code MeterBinder} that exposes a
 * bus's {@code stats()} as function counters and gauges, per event type and per subscription.
 */
@NullMarked
package dev.eventbus.micrometer;

import org.jspecify.annotations.NullMarked;
