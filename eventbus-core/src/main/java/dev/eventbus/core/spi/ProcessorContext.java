package dev.eventbus.core.spi;

import dev.eventbus.api.config.EventBusConfig;
import java.time.Clock;
import java.util.Objects;

/**
 * What the engine gives each processor when the bus starts.
 *
 * @param config the bus's configuration
 * @param invoker runs handlers with retry, failure reporting and dead-lettering
 * @param clock the bus's clock
 * @since 0.1
 */
public record ProcessorContext(EventBusConfig config, HandlerInvoker invoker, Clock clock) {
  public ProcessorContext {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(invoker, "invoker");
    Objects.requireNonNull(clock, "clock");
  }
}
