package dev.eventbus.transport;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A relay's sends and their counts. A relay sends a batch of messages to one destination at once
 * (the client pipelines them) and waits for every confirmation: a failure that may pass (broker
 * down, timeout, interrupt) fails the whole batch with the transport's send exception, which the
 * relay's retry policy retries (the batch is sent again, whole, in order; messages the broker had
 * confirmed go again and the receiving side drops them by id), and a message the broker refuses for
 * good becomes its refusal, a dead letter at once, while the rest of the batch counts as sent. The
 * counts are the relay's stats.
 */
public final class RelaySends {

  /** Starts the sends of one batch. */
  @FunctionalInterface
  public interface Start {

    /**
     * Hands the messages to the client, in order.
     *
     * @param messages the batch, not empty
     * @return one future per message, in the same order, each completing on the broker's
     *     confirmation of its message or failing with why not
     */
    List<? extends Future<?>> start(List<OutboundMessage> messages);
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
   * Sends a batch and waits for every confirmation, counting each attempt and its outcome.
   *
   * @param destination where the batch goes, for reasons ({@code topic orders})
   * @param wait how long to wait for all confirmations, from the start
   * @param messages the batch, in order, not empty
   * @param start starts the sends
   * @return the messages refused for good, by position in {@code messages}, each with its refusal;
   *     empty if the broker confirmed all
   * @throws RuntimeException the transport's send exception if a message was not confirmed for a
   *     reason that may pass (the whole batch is to be sent again)
   */
  public Map<Integer, RuntimeException> sendAll(
      String destination, Duration wait, List<OutboundMessage> messages, Start start) {
    attempts.add(messages.size());
    long deadline = System.nanoTime() + wait.toNanos();
    List<? extends Future<?>> futures;
    try {
      futures = start.start(messages);
    } catch (RuntimeException e) {
      if (!clientFailure.isInstance(e)) {
        throw e;
      }
      futures = Collections.nCopies(messages.size(), CompletableFuture.failedFuture(e));
    }
    if (futures.size() != messages.size()) {
      throw new IllegalStateException(
          "the client started " + futures.size() + " sends for " + messages.size() + " messages");
    }
    Map<Integer, RuntimeException> refusals = new TreeMap<>();
    RuntimeException mayPass = null;
    int notConfirmed = 0;
    for (int i = 0; i < messages.size(); i++) {
      String what = messages.get(i).describe() + " to " + destination;
      Failure failure = await(what, futures.get(i), deadline, wait);
      if (failure == null) {
        confirmed.increment();
      } else if (failure.forGood()) {
        refused.increment();
        refusals.put(i, failure.exception());
      } else {
        failed.increment();
        notConfirmed++;
        if (mayPass == null) {
          mayPass = failure.exception();
        }
      }
    }
    if (mayPass != null) {
      if (notConfirmed > 1) {
        mayPass.addSuppressed(
            new IllegalStateException(
                (notConfirmed - 1) + " more message(s) of the batch were not confirmed either"));
      }
      throw mayPass;
    }
    return refusals;
  }

  /** Waits for one confirmation: null if confirmed, else the failure. */
  private @Nullable Failure await(String what, Future<?> send, long deadline, Duration wait) {
    try {
      send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return null;
    } catch (ExecutionException e) {
      return classify(what, e.getCause() == null ? e : e.getCause());
    } catch (TimeoutException e) {
      return mayPass(what + " was not confirmed within " + wait, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return mayPass(what + ": interrupted while waiting for the " + broker, e);
    } catch (CancellationException e) {
      return mayPass(what + ": the client cancelled the send", e);
    }
  }

  /** A message not confirmed: the exception its delivery fails with, and whether for good. */
  private record Failure(RuntimeException exception, boolean forGood) {}

  private Failure mayPass(String reason, Throwable cause) {
    return new Failure(sendFailure.apply(reason, cause), false);
  }

  private Failure classify(String what, Throwable cause) {
    if (refusedForGood.test(cause)) {
      return new Failure(refusal.apply(what + " was refused: " + cause, cause), true);
    }
    return mayPass(what + " failed: " + cause, cause);
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
