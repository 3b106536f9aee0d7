package dev.eventbus.processors;

import dev.eventbus.api.ProcessingMode;
import dev.eventbus.core.spi.DeliveryCallback;
import dev.eventbus.core.spi.DeliveryOutcome;
import dev.eventbus.core.spi.EventProcessor;
import dev.eventbus.core.spi.HandlerInvoker;
import dev.eventbus.core.spi.ProcessorContext;
import dev.eventbus.core.spi.Subscriber;

/**
 * {@link ProcessingMode#SYNC}: runs the handler on the publisher's thread before {@code publish}
 * returns, with the subscription's retry policy (backoff waits happen on that thread too). Queues
 * nothing, so it has nothing to drain on stop.
 *
 * <p>One instance per bus. Thread-safe and allocation-free on success.
 *
 * @since 0.1
 */
public final class SyncProcessor implements EventProcessor {

  // Set by start(), which the bus runs before it publishes its RUNNING state (a volatile write);
  // every deliver() follows a read of that state, so it sees the field.
  private HandlerInvoker invoker;

  @Override
  public ProcessingMode mode() {
    return ProcessingMode.SYNC;
  }

  @Override
  public void start(ProcessorContext context) {
    invoker = context.invoker();
  }

  @Override
  public DeliveryOutcome deliver(
      Subscriber subscriber, Object event, int shard, DeliveryCallback callback) {
    return invoker.invoke(subscriber, event);
  }

  @Override
  public String toString() {
    return "SyncProcessor";
  }
}
