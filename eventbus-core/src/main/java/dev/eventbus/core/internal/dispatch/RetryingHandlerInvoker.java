package dev.eventbus.core.internal.dispatch;

import dev.eventbus.api.BatchEventHandler;
import dev.eventbus.api.EventExceptionHandler;
import dev.eventbus.api.HandlerFailure;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.spi.DeadLetterHandler;
import dev.eventbus.core.internal.subscriber.RegisteredSubscriber;
import dev.eventbus.core.internal.subscriber.SubscriberMetrics;
import dev.eventbus.core.spi.DeliveryOutcome;
import dev.eventbus.core.spi.HandlerInvoker;
import dev.eventbus.core.spi.Subscriber;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The engine's {@link HandlerInvoker}: runs a subscriber's handler on the calling thread under its
 * {@link RetryPolicy}, waiting between attempts with the bus's {@link Sleeper}, and settles a final
 * failure: reports it to the bus's {@link EventExceptionHandler}, then hands it to the dead-letter
 * handler if the bus has one.
 *
 * <p>It also times sampled handler calls for the subscriber's {@link SubscriberMetrics} (every 64th
 * call by default) and counts retries on it. Thread-safe.
 */
public final class RetryingHandlerInvoker implements HandlerInvoker {

  private static final System.Logger LOG = System.getLogger(RetryingHandlerInvoker.class.getName());

  private final EventExceptionHandler exceptionHandler;
  private final @Nullable DeadLetterHandler deadLetterHandler;
  private final Sleeper sleeper;
  private final Clock clock;
  private final BiConsumer<Subscriber, Object> onRetry;

  /**
   * @param exceptionHandler told of every final failure
   * @param deadLetterHandler given every final failure after that, or {@code null} for none
   * @param sleeper waits between attempts
   * @param clock stamps failures
   * @param onRetry run once per attempt after the first, with the subscriber and the event (for a
   *     batch, its first event)
   */
  public RetryingHandlerInvoker(
      EventExceptionHandler exceptionHandler,
      @Nullable DeadLetterHandler deadLetterHandler,
      Sleeper sleeper,
      Clock clock,
      BiConsumer<Subscriber, Object> onRetry) {
    this.exceptionHandler = Objects.requireNonNull(exceptionHandler, "exceptionHandler");
    this.deadLetterHandler = deadLetterHandler;
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.onRetry = Objects.requireNonNull(onRetry, "onRetry");
  }

  /**
   * Delivers {@code event} to {@code subscriber}'s handler on the calling thread, retrying as its
   * policy allows and waiting between attempts with the bus's {@link Sleeper}.
   *
   * @return {@code DELIVERED}, or the settled {@link DeliveryOutcome.Failed}
   */
  @Override
  public DeliveryOutcome invoke(Subscriber subscriber, Object event) {
    Throwable failure = attempt(subscriber, event, 1);
    int attempts = 1;
    while (failure != null) {
      Duration delay = retryDelay(subscriber, failure, attempts);
      if (delay == null) {
        return fail(subscriber, event, failure, attempts);
      }
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return fail(subscriber, event, failure, attempts);
      }
      attempts++;
      failure = attempt(subscriber, event, attempts);
    }
    return DeliveryOutcome.Status.DELIVERED;
  }

  /**
   * Runs the handler once. Processors that wait between attempts without blocking a thread build
   * their retry loop from this, {@link #retryDelay} and {@link #fail}.
   *
   * @param attempt the number of this attempt, from 1; attempts after the first are counted as
   *     retries
   * @return {@code null} if the handler succeeded, else what it threw
   */
  @Override
  public @Nullable Throwable attempt(Subscriber subscriber, Object event, int attempt) {
    SubscriberMetrics metrics = ((RegisteredSubscriber) subscriber).metrics();
    if (attempt > 1) {
      metrics.recordRetry();
      onRetry.accept(subscriber, event);
    }
    if (metrics.sampleNext(subscriber)) {
      long start = System.nanoTime();
      try {
        subscriber.handler().handle(event);
        return null;
      } catch (Throwable failure) {
        return failure;
      } finally {
        metrics.recordLatency(System.nanoTime() - start);
      }
    }
    try {
      subscriber.handler().handle(event);
      return null;
    } catch (Throwable failure) {
      return failure;
    }
  }

  /**
   * Runs a {@link BatchEventHandler} once on a whole batch, as {@link #attempt} does for one event.
   *
   * @throws IllegalArgumentException if the subscriber's handler is not a batch handler
   */
  @Override
  public @Nullable Throwable attemptBatch(Subscriber subscriber, List<Object> events, int attempt) {
    if (!(subscriber.handler() instanceof BatchEventHandler<Object> batchHandler)) {
      throw new IllegalArgumentException(subscriber + " has no batch handler");
    }
    SubscriberMetrics metrics = ((RegisteredSubscriber) subscriber).metrics();
    if (attempt > 1) {
      metrics.recordRetry();
      if (!events.isEmpty()) {
        onRetry.accept(subscriber, events.get(0));
      }
    }
    if (metrics.sampleNext(subscriber)) {
      long start = System.nanoTime();
      try {
        batchHandler.handleBatch(events);
        return null;
      } catch (Throwable failure) {
        return failure;
      } finally {
        metrics.recordLatency(System.nanoTime() - start);
      }
    }
    try {
      batchHandler.handleBatch(events);
      return null;
    } catch (Throwable failure) {
      return failure;
    }
  }

  /**
   * How long to wait before the next attempt, or {@code null} if the failure is final: the policy
   * allows no more attempts, does not retry this failure, or the failure is an interrupt.
   *
   * @param attemptsSoFar attempts made, at least 1
   */
  @Override
  public @Nullable Duration retryDelay(
      Subscriber subscriber, Throwable failure, int attemptsSoFar) {
    RetryPolicy policy = subscriber.retryPolicy();
    if (attemptsSoFar >= policy.maxAttempts() || failure instanceof InterruptedException) {
      return null;
    }
    boolean retryable;
    try {
      retryable = policy.isRetryable(failure);
    } catch (Throwable predicateFailure) {
      // A broken predicate must not escape into the publisher or a worker: no retry, and the
      // predicate's failure travels with the handler's.
      failure.addSuppressed(predicateFailure);
      retryable = false;
    }
    if (!retryable) {
      return null;
    }
    return policy.delayBefore(attemptsSoFar + 1, ThreadLocalRandom.current().nextDouble());
  }

  /**
   * Settles a final failure that did not come from {@link #invoke} (a throwing filter, say):
   * reports it and dead-letters it.
   */
  @Override
  public DeliveryOutcome.Failed fail(
      Subscriber subscriber, Object event, Throwable cause, int attempts) {
    if (cause instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    HandlerFailure failure =
        new HandlerFailure(
            subscriber.id(),
            subscriber.name(),
            subscriber.mode(),
            event,
            cause,
            attempts,
            clock.instant());
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
      deadLetterHandler.onDeadLetter(failure);
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
