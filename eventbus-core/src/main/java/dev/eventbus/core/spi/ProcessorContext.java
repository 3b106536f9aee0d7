package dev.eventbus.core.spi;

import dev.eventbus.api.DropListener;
import dev.eventbus.api.DroppedDelivery;
import dev.eventbus.api.config.EventBusConfig;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the engine gives each processor when the bus starts. Thread-safe.
 *
 * @since 0.1
 */
public final class ProcessorContext {

  private static final System.Logger LOG = System.getLogger(ProcessorContext.class.getName());

  private final Supplier<EventBusConfig> config;
  private final HandlerInvoker invoker;
  private final Clock clock;
  private final DropListener dropListener;

  /**
   * @param config the bus's configuration as it is now (it may be reconfigured while running)
   * @param invoker runs handlers with retry, failure reporting and dead-lettering
   * @param clock the bus's clock
   * @param dropListener told of every dropped delivery
   */
  public ProcessorContext(
      Supplier<EventBusConfig> config,
      HandlerInvoker invoker,
      Clock clock,
      DropListener dropListener) {
    this.config = Objects.requireNonNull(config, "config");
    this.invoker = Objects.requireNonNull(invoker, "invoker");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.dropListener = Objects.requireNonNull(dropListener, "dropListener");
  }

  /**
   * The bus's configuration now. Tunables change when the bus is reconfigured, so processors read
   * them here when they use them rather than keeping a copy.
   */
  public EventBusConfig config() {
    return config.get();
  }

  public HandlerInvoker invoker() {
    return invoker;
  }

  public Clock clock() {
    return clock;
  }

  public DropListener dropListener() {
    return dropListener;
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
