package dev.eventbus.spring.boot.autoconfigure;

import dev.eventbus.api.UnifiedEventBus;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** The {@code eventBus} health contributor on Spring Boot 4 (module spring-boot-health). */
final class Boot4EventBusHealthIndicator implements HealthIndicator {

  private final UnifiedEventBus bus;

  Boot4EventBusHealthIndicator(UnifiedEventBus bus) {
    this.bus = bus;
  }

  @Override
  public Health health() {
    Health.Builder health = EventBusHealth.isUp(bus) ? Health.up() : Health.down();
    return health.withDetails(EventBusHealth.details(bus)).build();
  }
}
