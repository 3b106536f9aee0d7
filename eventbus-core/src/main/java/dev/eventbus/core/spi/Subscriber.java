package dev.eventbus.core.spi;

import dev.eventbus.api.EventHandler;
import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.Subscription;

/**
 * One subscription as a processor sees it: the handler, with every option resolved against the
 * bus's defaults. The engine makes subscribers when handlers subscribe and hands them to the {@link
 * EventProcessor} of their mode; processors never make them. Each is also the {@link Subscription}
 * handle its subscriber got back.
 *
 * <p>Thread-safe. The options that fall back to the bus's configuration ({@link #retryPolicy()},
 * {@link #overflowPolicy()}, {@link #batchSize()}) are read at each use, so a reconfigured bus
 * applies its new defaults to existing subscriptions; {@link #isActive()} goes from {@code true} to
 * {@code false} once, when the subscription is closed.
 *
 * @since 0.1
 */
public interface Subscriber extends Subscription {

  /** {@return the handler; a {@link dev.eventbus.api.BatchEventHandler} for batch subscriptions} */
  EventHandler<Object> handler();

  /** {@return the subscription's retry policy, else the bus's default now} */
  RetryPolicy retryPolicy();

  /** {@return the subscription's overflow policy, else the bus's default now} */
  OverflowPolicy overflowPolicy();

  /** {@return the subscription's batch size, else the bus's default now} */
  int batchSize();

  /** {@return how many of its deliveries may run at once; 1 means in order} */
  int concurrency();

  /**
   * Whether it asked for lanes of its own ({@link
   * dev.eventbus.api.SubscriptionOptions#ownLanes()}).
   *
   * @return true if its deliveries must not wait in lanes other subscriptions share
   */
  default boolean ownLanes() {
    return false;
  }
}
