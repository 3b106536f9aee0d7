package dev.eventbus.processors;

import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.UnifiedEventBus;

/**
 * The one entry point for building buses. Each call makes a new, independent bus: there is no
 * shared instance. Build one where the application is wired (a {@code main} method, a DI module or
 * {@code @Bean} method) and pass it to the services that publish and subscribe.
 *
 * <pre>{@code
 * UnifiedEventBus bus = EventBusFactory.createDefault();
 * OrderService orders = new OrderService(bus);
 * }</pre>
 *
 * @since 0.1
 */
public final class EventBusFactory {

  private EventBusFactory() {}

  /**
   * A running bus with the default configuration, all four modes and no storage.
   *
   * @return the running bus
   */
  public static UnifiedEventBus createDefault() {
    return builder().build();
  }

  /**
   * A running bus with {@code config}, all four modes and no storage.
   *
   * @param config the configuration
   * @return the running bus
   * @throws NullPointerException if {@code config} is null
   */
  public static UnifiedEventBus createWithConfig(EventBusConfig config) {
    return builder().config(config).build();
  }

  /**
   * A builder for buses that need more: bus-wide filters, exception or dead-letter handlers, a
   * clock, storage, a scheduler, fewer modes.
   *
   * @return a new builder
   */
  public static EventBusBuilder builder() {
    return new EventBusBuilder();
  }
}
