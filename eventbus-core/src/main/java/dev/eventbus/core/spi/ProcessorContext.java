package dev.eventbus.core.spi;

import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.spi.ContextPropagator;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * What the engine gives each processor when the bus starts. Thread-safe.
 *
 * @since 0.1
 */
public interface ProcessorContext {

  /**
   * The bus's configuration now. Tunables change when the bus is reconfigured, so processors read
   * them here when they use them rather than keeping a copy.
   *
   * @return the configuration in force now
   */
  EventBusConfig config();

  /** {@return the invoker that runs handlers with retry, failure reporting and dead-lettering} */
  HandlerInvoker invoker();

  /** {@return the bus's clock} */
  Clock clock();

  /**
   * Tells the bus's drop listener that {@code subscriber} will not get {@code event}. The caller
   * still reports the {@link DeliveryOutcome.Status#DROPPED} outcome, which is what the stats
   * count. Never throws: a failing listener is logged.
   *
   * @param subscriber the subscriber that will not get the event
   * @param event the event
   * @param reason why, for example {@code "queue full (DROP_NEWEST)"}
   */
  void reportDrop(Subscriber subscriber, Object event, String reason);

  /**
   * Counts a batch of {@code size} events handed to {@code subscriber}'s handler. Calls for one
   * subscriber must not overlap: make them under the lock that orders the subscriber's batches.
   *
   * @param subscriber the subscriber whose handler got the batch
   * @param size the number of events in the batch
   */
  void batchFlushed(Subscriber subscriber, int size);

  /**
   * What carries the publisher's context to handlers that run on another thread, or {@code null}
   * (the default) if the bus carries none. A processor that queues a delivery {@linkplain
   * ContextPropagator#capture() captures} the context in {@link EventProcessor#deliver} (on the
   * publishing thread) when this is not {@code null}, and {@linkplain ContextPropagator#restore
   * restores} it around the handler call; without a propagator it keeps nothing per delivery.
   *
   * @return the bus's propagator, or {@code null}
   */
  default @Nullable ContextPropagator contextPropagator() {
    return null;
  }
}
