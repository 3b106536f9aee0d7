package dev.eventbus.processors;

import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.config.EventBusConfig;
import dev.eventbus.core.EventBusCore;

/**
 * Builds running buses with this library's processors. Each call makes a new, independent bus:
 * there is no shared instance. Build one where the application is wired (a {@code main} method, a
 * DI module or {@code @Bean} method) and pass it to the services that publish and subscribe.
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

  /** A running bus with the default configuration. */
  public static UnifiedEventBus createDefault() {
    return builder().build();
  }

  /**
   * A running bus with {@code config}.
   *
   * @throws IllegalStateException if the config's default mode has no processor here
   */
  public static UnifiedEventBus createWithConfig(EventBusConfig config) {
    return builder().config(config).build();
  }

  /**
   * A builder that already has this library's processors, for buses that also need bus-wide
   * filters, an exception or dead-letter handler, a clock or a config.
   */
  public static EventBusCore.Builder builder() {
    return EventBusCore.builder()
        .processor(new SyncProcessor())
        .processor(new AsyncProcessor())
        .processor(new BatchProcessor())
        .processor(new AdaptiveProcessor());
  }
}
