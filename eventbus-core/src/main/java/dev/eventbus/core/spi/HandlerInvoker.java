package dev.eventbus.core.spi;

import dev.eventbus.api.EventExceptionHandler;
import dev.eventbus.api.RetryPolicy;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Runs handlers the way every mode must: under the subscription's {@link RetryPolicy}, and settling
 * a final failure (reported to the bus's {@link EventExceptionHandler}, then dead-lettered). A
 * processor gets the bus's invoker from its {@link ProcessorContext} and delivers through it, so
 * every mode retries, reports, dead-letters and counts the same way.
 *
 * <p>Everything a handler throws is caught, {@link Error}s included, so that one handler cannot
 * stop delivery to others. An {@link InterruptedException} (or an interrupt during a backoff wait)
 * ends the retries and leaves the thread's interrupt flag set. Thread-safe.
 *
 * @since 0.1
 */
public interface HandlerInvoker {

  /**
   * Delivers {@code event} to {@code subscriber}'s handler on the calling thread, retrying as its
   * policy allows and waiting between attempts on the calling thread.
   *
   * @param subscriber the subscriber whose handler runs
   * @param event the event
   * @return {@code DELIVERED}, or the settled {@link DeliveryOutcome.Failed}
   */
  DeliveryOutcome invoke(Subscriber subscriber, Object event);

  /**
   * Runs the handler once. Processors that wait between attempts without blocking a thread build
   * their retry loop from this, {@link #retryDelay} and {@link #fail}.
   *
   * @param attempt the number of this attempt, from 1; attempts after the first are counted as
   *     retries
   * @param subscriber the subscriber whose handler runs
   * @param event the event
   * @return {@code null} if the handler succeeded, else what it threw
   */
  @Nullable Throwable attempt(Subscriber subscriber, Object event, int attempt);

  /**
   * Runs a {@link dev.eventbus.api.BatchEventHandler} once on a whole batch, as {@link #attempt}
   * does for one event.
   *
   * @param subscriber the subscriber, whose handler is a batch handler
   * @param events the batch, in delivery order
   * @param attempt the number of this attempt, from 1
   * @return {@code null} if the handler succeeded, else what it threw
   * @throws IllegalArgumentException if the subscriber's handler is not a batch handler
   */
  @Nullable Throwable attemptBatch(Subscriber subscriber, List<Object> events, int attempt);

  /**
   * How long to wait before the next attempt, or {@code null} if the failure is final: the policy
   * allows no more attempts, does not retry this failure, or the failure is an interrupt.
   *
   * @param attemptsSoFar attempts made, at least 1
   * @param subscriber the subscriber whose policy applies
   * @param failure what the last attempt threw
   * @return the wait before the next attempt, or {@code null} if the failure is final
   */
  @Nullable Duration retryDelay(Subscriber subscriber, Throwable failure, int attemptsSoFar);

  /**
   * Settles a final failure: reports it and dead-letters it.
   *
   * @param subscriber the subscriber that failed
   * @param event the event it failed on
   * @param cause what the last attempt threw
   * @param attempts how many attempts were made, at least 1
   * @return the settled failure, saying whether it was dead-lettered
   */
  DeliveryOutcome.Failed fail(Subscriber subscriber, Object event, Throwable cause, int attempts);
}
