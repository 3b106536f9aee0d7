package dev.eventbus.core.internal;

import dev.eventbus.api.DropListener;
import dev.eventbus.api.DroppedDelivery;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.spi.ContextPropagator;
import dev.eventbus.core.internal.subscriber.RegisteredSubscriber;
import dev.eventbus.core.spi.HandlerInvoker;
import dev.eventbus.core.spi.ProcessorContext;
import dev.eventbus.core.spi.Subscriber;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** The {@link ProcessorContext} of one bus. Thread-safe. */
final class BusProcessorContext implements ProcessorContext {

  private static final System.Logger LOG = System.getLogger(BusProcessorContext.class.getName());

  private final Supplier<EventBusConfig> config;
  private final HandlerInvoker invoker;
  private final Clock clock;
  private final DropListener dropListener;
  private final @Nullable ContextPropagator contextPropagator;

  /**
   * @param config the bus's configuration as it is now (it may be reconfigured while running)
   * @param invoker runs handlers with retry, failure reporting and dead-lettering
   * @param clock the bus's clock
   * @param dropListener told of every dropped delivery
   * @param contextPropagator carries publishers' contexts to handlers, or {@code null}
   */
  BusProcessorContext(
      Supplier<EventBusConfig> config,
      HandlerInvoker invoker,
      Clock clock,
      DropListener dropListener,
      @Nullable ContextPropagator contextPropagator) {
    this.config = config;
    this.invoker = invoker;
    this.clock = clock;
    this.dropListener = dropListener;
    this.contextPropagator = contextPropagator;
  }

  @Override
  public @Nullable ContextPropagator contextPropagator() {
    return contextPropagator;
  }

  @Override
  public EventBusConfig config() {
    return config.get();
  }

  @Override
  public HandlerInvoker invoker() {
    return invoker;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public void reportDrop(Subscriber subscriber, Object event, String reason) {
    DroppedDelivery dropped =
        new DroppedDelivery(subscriber.id(), subscriber.name(), event, reason);
    try {
      dropListener.onDropped(dropped);
    } catch (Throwable listenerFailure) {
      LOG.log(Level.ERROR, "drop listener threw for " + dropped, listenerFailure);
    }
  }

  @Override
  public void batchFlushed(Subscriber subscriber, int size) {
    ((RegisteredSubscriber) subscriber).metrics().recordBatch(size);
  }

  /** The drop listener that logs each drop at WARNING through {@link System.Logger}. */
  static DropListener loggingDropListener() {
    return dropped -> LOG.log(Level.WARNING, "dropped: " + dropped);
  }
}
