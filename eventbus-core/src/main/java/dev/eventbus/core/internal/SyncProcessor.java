package dev.eventbus.core.internal;

import dev.eventbus.api.ProcessingMode;
import dev.eventbus.core.internal.dispatch.RetryingHandlerInvoker;
import dev.eventbus.core.spi.DeliveryCallback;
import dev.eventbus.core.spi.DeliveryOutcome;
import dev.eventbus.core.spi.EventProcessor;
import dev.eventbus.core.spi.Subscriber;

/**
 * {@link ProcessingMode#SYNC}: runs the handler on the publisher's thread before {@code publish}
 * returns, with the subscription's retry policy (backoff waits happen on that thread too). Queues
 * nothing, so it has nothing to drain on stop.
 *
 * <p>One instance per bus. Thread-safe and allocation-free on success.
 */
final class SyncProcessor implements EventProcessor {

  private final RetryingHandlerInvoker invoker;

  SyncProcessor(RetryingHandlerInvoker invoker) {
    this.invoker = invoker;
  }

  @Override
  public ProcessingMode mode() {
    return ProcessingMode.SYNC;
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
