package dev.eventbus.core.spi;

import dev.eventbus.api.EventEnvelope;
import dev.eventbus.api.EventExceptionHandler;
import dev.eventbus.api.HandlerFailure;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.spi.DeadLetter;
import dev.eventbus.api.spi.DeadLetterHandler;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Runs a subscriber's handler on the calling thread under its {@link RetryPolicy}, and settles a
 * final failure: reports it to the bus's {@link EventExceptionHandler}, then hands it to the
 * dead-letter handler if the bus has one. Every processor delivers through it, so every mode
 * retries, reports and dead-letters the same way.
 *
 * <p>Everything a handler throws is caught, {@link Error}s included, so that one handler cannot
 * stop delivery to others. An {@link InterruptedException} (or an interrupt during a backoff wait)
 * ends the retries and leaves the thread's interrupt flag set.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class HandlerInvoker {

  private static final System.Logger LOG = System.getLogger(HandlerInvoker.class.getName());

  private final EventExceptionHandler exceptionHandler;
  private final @Nullable DeadLetterHandler deadLetterHandler;
  private final Sleeper sleeper;
  private final Clock clock;
  private final Runnable onRetry;

  /**
   * @param exceptionHandler told of every final failure
   * @param deadLetterHandler given every final failure after that, or {@code null} for none
   * @param sleeper waits between attempts
   * @param clock stamps dead letters
   * @param onRetry run once per attempt after the first (for counting)
   */
  public HandlerInvoker(
      EventExceptionHandler exceptionHandler,
      @Nullable DeadLetterHandler deadLetterHandler,
      Sleeper sleeper,
      Clock clock,
      Runnable onRetry) {
    this.exceptionHandler = Objects.requireNonNull(exceptionHandler, "exceptionHandler");
    this.deadLetterHandler = deadLetterHandler;
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.onRetry = Objects.requireNonNull(onRetry, "onRetry");
  }

  /**
   * Delivers {@code event} to {@code subscriber}'s handler, retrying as its policy allows.
   *
   * @return {@code DELIVERED}, or the settled {@link DeliveryOutcome.Failed}
   */
  public DeliveryOutcome invoke(Subscriber subscriber, Object event) {
    try {
      subscriber.handler().handle(event);
      return DeliveryOutcome.Status.DELIVERED;
    } catch (Throwable failure) {
      return retry(subscriber, event, failure);
    }
  }

  private DeliveryOutcome retry(Subscriber subscriber, Object event, Throwable firstFailure) {
    RetryPolicy policy = subscriber.retryPolicy();
    Throwable failure = firstFailure;
    int attempts = 1;
    while (attempts < policy.maxAttempts()
        && !(failure instanceof InterruptedException)
        && policy.isRetryable(failure)) {
      Duration delay = policy.delayBefore(attempts + 1, ThreadLocalRandom.current().nextDouble());
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        break;
      }
      attempts++;
      onRetry.run();
      try {
        subscriber.handler().handle(event);
        return DeliveryOutcome.Status.DELIVERED;
      } catch (Throwable next) {
        failure = next;
      }
    }
    return fail(subscriber, event, failure, attempts);
  }

  /**
   * Settles a final failure that did not come from {@link #invoke} (a throwing filter, say):
   * reports it and dead-letters it.
   */
  public DeliveryOutcome.Failed fail(
      Subscriber subscriber, Object event, Throwable cause, int attempts) {
    if (cause instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    HandlerFailure failure =
        new HandlerFailure(
            subscriber.id(), subscriber.name(), event, cause, attempts, subscriber.mode());
    try {
      exceptionHandler.onFailure(failure);
    } catch (Throwable reportFailure) {
      LOG.log(Level.ERROR, "exception handler threw while reporting " + failure, reportFailure);
    }
    return new DeliveryOutcome.Failed(failure, deadLetter(failure));
  }

  private boolean deadLetter(HandlerFailure failure) {
    if (deadLetterHandler == null) {
      return false;
    }
    try {
      deadLetterHandler.onDeadLetter(
          new DeadLetter(
              EventEnvelope.wrap(failure.event(), clock.instant()),
              failure.subscriptionId(),
              failure.handlerName(),
              failure.cause(),
              failure.attempts(),
              clock.instant()));
      return true;
    } catch (Throwable deadLetterFailure) {
      LOG.log(Level.ERROR, "dead-letter handler threw for " + failure, deadLetterFailure);
      return false;
    }
  }

  /** The exception handler that logs each failure at WARNING through {@link System.Logger}. */
  public static EventExceptionHandler loggingExceptionHandler() {
    return failure -> LOG.log(Level.WARNING, failure.toString(), failure.cause());
  }
}
