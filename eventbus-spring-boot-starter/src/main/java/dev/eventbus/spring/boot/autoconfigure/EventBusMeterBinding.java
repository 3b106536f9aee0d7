package dev.eventbus.spring.boot.autoconfigure;

import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.micrometer.EventBusMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Binds the bus's meters ({@link EventBusMetrics}) to the application's {@link MeterRegistry} once
 * every singleton exists, if there is one registry bean (or one primary, as Spring Boot's composite
 * is). Not a {@code MeterBinder} bean itself, so that Spring Boot's metrics support does not bind
 * the meters a second time.
 */
final class EventBusMeterBinding implements SmartInitializingSingleton {

  private final EventBusMetrics metrics;
  private final ObjectProvider<MeterRegistry> registries;

  EventBusMeterBinding(UnifiedEventBus bus, ObjectProvider<MeterRegistry> registries) {
    this.metrics = new EventBusMetrics(bus);
    this.registries = registries;
  }

  @Override
  public void afterSingletonsInstantiated() {
    MeterRegistry registry = registries.getIfUnique();
    if (registry != null) {
      metrics.bindTo(registry);
    }
  }
}
