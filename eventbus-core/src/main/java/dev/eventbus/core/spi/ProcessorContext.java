package dev.eventbus.core.spi;

import dev.eventbus.api.DropListener;
import dev.eventbus.api.DroppedDelivery;
import dev.eventbus.api.config.EventBusConfig;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Objects;

/**
 * What the engine gives each processor when the bus starts.
 *
 * @param config the bus's configuration
 * @param invoker runs handlers with retry, failure reporting and dead-lettering
 * @param clock the bus's clock
 * @param dropListener told of every dropped delivery
 * @since 0.1
 */
public record ProcessorContext(
    EventBusConfig config, HandlerInvoker invoker, Clock clock, DropListener dropListener) {

  private static final System.Logger LOG = System.getLogger(ProcessorContext.class.getName());

  public ProcessorContext {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(invoker, "invoker");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(dropListener, "dropListener");
  }

  /**
   * Tells the drop listener that {@code subscriber} will not get {@code event}. The caller still
   * reports the {@link DeliveryOutcome.Status#DROPPED} outcome, which is what the stats count.
   */
  public void reportDrop(Subscriber subscriber, Object event, String reason) {
    DroppedDelivery dropped =
        new DroppedDelivery(subscriber.id(), subscriber.name(), event, reason);
    try {
      dropListener.onDropped(dropped);
    } catch (Throwable listenerFailure) {
      LOG.log(Level.ERROR, "drop listener threw for " + dropped, listenerFailure);
    }
  }

  /** The drop listener that logs each drop at WARNING through {@link System.Logger}. */
  public static DropListener loggingDropListener() {
    return dropped -> LOG.log(Level.WARNING, "dropped: " + dropped);
  }
}
