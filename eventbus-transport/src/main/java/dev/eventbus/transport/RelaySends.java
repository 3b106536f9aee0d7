package dev.eventbus.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A relay's sends and their counts: each send waits for the broker's confirmation; a failure that
 * may pass (broker down, timeout, interrupt) becomes the transport's send exception, which the
 * relay's retry policy retries, and one the broker refuses for good becomes its refusal, a dead
 * letter at once. The counts are the relay's stats.
 */
public final class RelaySends {

  /** Starts one send, giving what completes on the broker's confirmation. */
  @FunctionalInterface
  public interface Send {

    /**
     * Hands the message to the client.
     *
     * @return completes when the broker confirmed, or fails with why not
     */
    Future<?> start();
  }

  private final String broker;
  private final Class<? extends RuntimeException> clientFailure;
  private final Predicate<Throwable> refusedForGood;
  private final BiFunction<String, Throwable, ? extends RuntimeException> sendFailure;
  private final BiFunction<String, @Nullable Throwable, ? extends RuntimeException> refusal;
  private final LongAdder attempts = new LongAdder();
  private final LongAdder confirmed = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder refused = new LongAdder();

  /**
   * The sends of one relay.
   *
   * @param broker what the other side is called in messages ({@code broker}, {@code server})
   * @param clientFailure what the client throws when it cannot start a send
   * @param refusedForGood whether a failure (the client's, or the one the send completed with) will
   *     not pass
   * @param sendFailure makes the exception of a send that may pass, from a reason and a cause
   * @param refusal makes the exception of a message refused for good, from a reason and a cause
   */
  public RelaySends(
      String broker,
      Class<? extends RuntimeException> clientFailure,
      Predicate<Throwable> refusedForGood,
      BiFunction<String, Throwable, ? extends RuntimeException> sendFailure,
      BiFunction<String, @Nullable Throwable, ? extends RuntimeException> refusal) {
    this.broker = Objects.requireNonNull(broker, "broker");
    this.clientFailure = Objects.requireNonNull(clientFailure, "clientFailure");
    this.refusedForGood = Objects.requireNonNull(refusedForGood, "refusedForGood");
    this.sendFailure = Objects.requireNonNull(sendFailure, "sendFailure");
    this.refusal = Objects.requireNonNull(refusal, "refusal");
  }

  /**
   * Sends and waits for the confirmation, counting the attempt and its outcome.
   *
   * @param what the message and its destination, for reasons ({@code event 1 (order.placed) to
   *     topic orders})
   * @param wait how long to wait for the confirmation
   * @param send starts the send
   * @throws RuntimeException the transport's send exception if the send may pass, its refusal if
   *     not
   */
  public void send(String what, Duration wait, Send send) {
    attempts.increment();
    try {
      send.start().get(wait.toMillis(), TimeUnit.MILLISECONDS);
      confirmed.increment();
    } catch (ExecutionException e) {
      throw classify(what, e.getCause() == null ? e : e.getCause());
    } catch (TimeoutException e) {
      failed.increment();
      throw sendFailure.apply(what + " was not confirmed within " + wait, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failed.increment();
      throw sendFailure.apply(what + ": interrupted while waiting for the " + broker, e);
    } catch (RuntimeException e) {
      if (clientFailure.isInstance(e)) {
        throw classify(what, e);
      }
      throw e;
    }
  }

  private RuntimeException classify(String what, Throwable cause) {
    if (refusedForGood.test(cause)) {
      refused.increment();
      return refusal.apply(what + " was refused: " + cause, cause);
    }
    failed.increment();
    return sendFailure.apply(what + " failed: " + cause, cause);
  }

  /**
   * Counts a message refused before it was sent (its route's id function gave no id).
   *
   * @param reason why
   * @return the refusal to fail the delivery with
   */
  public RuntimeException refuse(String reason) {
    refused.increment();
    return refusal.apply(reason, null);
  }

  /**
   * Sends started, every retry counted.
   *
   * @return the count
   */
  public long attempts() {
    return attempts.sum();
  }

  /**
   * Sends the broker confirmed.
   *
   * @return the count
   */
  public long confirmed() {
    return confirmed.sum();
  }

  /**
   * Sends that failed for a reason that may pass.
   *
   * @return the count
   */
  public long failed() {
    return failed.sum();
  }

  /**
   * Messages refused for good, before or by the broker.
   *
   * @return the count
   */
  public long refused() {
    return refused.sum();
  }
}
