package dev.eventbus.api.spi;

import dev.eventbus.api.HandlerFailure;

/**
 * Receives deliveries that failed for good, after the bus's exception handler has seen them. Called
 * on the thread that ran the last attempt; must be thread-safe. What it throws is logged and
 * otherwise ignored: a dead letter is never retried by the bus itself.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface DeadLetterHandler {

  /**
   * Receives one delivery that failed for good.
   *
   * @param failure the final failure: subscription, event, last cause and attempts
   */
  void onDeadLetter(HandlerFailure failure);
}
