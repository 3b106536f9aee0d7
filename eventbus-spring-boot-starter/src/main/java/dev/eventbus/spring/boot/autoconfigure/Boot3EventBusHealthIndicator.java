package dev.eventbus.spring.boot.autoconfigure;

import dev.eventbus.api.UnifiedEventBus;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** The {@code eventBus} health contributor on Spring Boot 3 (package {@code actuate.health}). */
final class Boot3EventBusHealthIndicator implements HealthIndicator {

  private final UnifiedEventBus bus;

  Boot3EventBusHealthIndicator(UnifiedEventBus bus) {
    this.bus = bus;
  }

  @Override
  public Health health() {
    Health.Builder health = EventBusHealth.isUp(bus) ? Health.up() : Health.down();
    return health.withDetails(EventBusHealth.details(bus)).build();
  }
}
