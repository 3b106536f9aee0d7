package dev.eventbus.core.journal;

import dev.eventbus.api.DeadLetterQueue;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.StorageConfig;
import dev.eventbus.core.spi.DeliveryCallback;
import dev.eventbus.core.spi.DeliveryOutcome;
import dev.eventbus.core.spi.Subscriber;
import java.sql.Connection;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * The engine's one hook for durable delivery: store before dispatch, report completions, recover on
 * subscribe. A bus built without a journal never calls anything here and pays nothing for it; with
 * one, every publish {@linkplain #append appends} the event before any subscriber sees it, every
 * delivery's end reaches the returned {@link Entry}, and every tracked subscription is {@linkplain
 * #recover recovered} (its pending deliveries made again) before it sees new events.
 *
 * <p>Implemented by {@code eventbus-durable}; not for applications. Thread-safe.
 */
public interface Journal {

  /** Opens the journal of a bus being built, with the bus's storage tunables and clock. */
  @FunctionalInterface
  interface Opener {
    /**
     * Opens the journal.
     *
     * @param config the bus's storage tunables
     * @param clock the bus's clock
     * @return the open journal
     */
    Journal open(StorageConfig config, Clock clock);
  }

  /**
   * The deliveries of one journaled event. As a {@link DeliveryCallback} it receives the final
   * outcome of each delivery a processor left pending, and passes it on to the publish's own
   * callback first.
   */
  interface Entry extends DeliveryCallback {

    /**
     * A delivery's outcome known when it was dispatched (delivered inline, filtered, refused).
     *
     * @param subscriber the subscriber the event was for
     * @param event the event
     * @param outcome the outcome known at dispatch
     */
    void settledNow(Subscriber subscriber, Object event, DeliveryOutcome outcome);
  }

  /** Dispatches one recovered event to one subscriber through the bus. */
  @FunctionalInterface
  interface Redelivery {
    /**
     * Dispatches {@code event} to {@code subscriber} as a tracked delivery.
     *
     * @param event the recovered event
     * @param subscriber the subscriber it is pending for
     * @param entry where the delivery's end is reported
     * @throws dev.eventbus.api.EventBusOverloadedException if the subscriber's queue refused it
     */
    void dispatch(Object event, Subscriber subscriber, Entry entry);
  }

  /** Delivers a dead letter's event again to one subscription, for a replay. */
  @FunctionalInterface
  interface Replay {
    /**
     * Delivers {@code event} to the active tracked subscription named {@code subscriptionName} on
     * the calling thread, under its retry policy.
     *
     * @param subscriptionName the letter's subscription name
     * @param event the letter's event, read back and upcast
     * @return the outcome ({@code DELIVERED} or the settled failure), or {@code null} if no such
     *     subscription is registered now
     */
    @Nullable DeliveryOutcome deliver(String subscriptionName, Object event);
  }

  /**
   * The bus's dead letters as this journal keeps them, for {@code UnifiedEventBus.deadLetters()}.
   * By default the bus's in-memory queue itself.
   *
   * @param inMemory the queue of the final failures this bus saw (its dead-letter handler)
   * @param replay how replays reach a subscription
   * @return the dead-letter queue {@code UnifiedEventBus.deadLetters()} returns
   */
  default DeadLetterQueue deadLetters(DeadLetterQueue inMemory, Replay replay) {
    return inMemory;
  }

  /**
   * Whether deliveries to subscriptions of this mode are journaled and recovered.
   *
   * @param mode a processing mode
   * @return {@code true} if deliveries in {@code mode} are tracked
   */
  boolean tracks(ProcessingMode mode);

  /**
   * Checks that a new subscription can be found again after a restart.
   *
   * @param active the bus's subscriptions now
   * @param subscriber the new subscriber
   * @throws IllegalArgumentException if not, saying what to do
   */
  void checkSubscriber(Subscriber subscriber, Iterable<? extends Subscriber> active);

  /**
   * Stores {@code event}, with a pending delivery for each tracked subscriber among {@code
   * subscribers}, before anyone sees it.
   *
   * @param next the publish's own callback, told every pending delivery's end
   * @param event the event being published
   * @param subscribers every subscriber the event matched
   * @return the event's entry, which the publish's deliveries report their ends to
   * @throws RuntimeException whatever the store threw; the event is then neither stored nor
   *     delivered
   */
  Entry append(Object event, Subscriber[] subscribers, DeliveryCallback next);

  /**
   * Stores {@code event} as {@link #append} does, but in the caller's transaction on {@code
   * connection}: stored if and when the caller commits. The pending deliveries it records are
   * dispatched by the bus after the commit, through {@link #dispatchCommitted}.
   *
   * @param connection the caller's connection, in its transaction
   * @param event the event being published
   * @param subscribers every subscriber the event matched
   * @param next the publish's own callback, told every pending delivery's end
   * @return the event's entry, whose deliveries are dispatched after the commit
   * @throws IllegalStateException if the store cannot join the caller's transaction, or the
   *     connection is in auto-commit mode
   * @throws RuntimeException whatever the store threw; the caller should roll back
   */
  Entry appendInTransaction(
      Connection connection, Object event, Subscriber[] subscribers, DeliveryCallback next);

  /**
   * Dispatches a tracked delivery of an event whose transaction committed, waiting for room when
   * the subscriber's queue is full (as recovery does) rather than refusing it; returns once it is
   * dispatched or the subscription closed (the delivery then stays pending in the store).
   *
   * @param event the committed event
   * @param subscriber the tracked subscriber it is pending for
   * @param entry the event's entry
   * @param redelivery how the delivery reaches the subscriber
   */
  void dispatchCommitted(Object event, Subscriber subscriber, Entry entry, Redelivery redelivery);

  /**
   * Makes the pending deliveries of {@code subscriber} again, in the order they were stored, before
   * it sees anything new. Returns once every one is dispatched, or the subscription was closed.
   *
   * @param next told every recovered delivery's end
   * @param subscriber the tracked subscriber to recover
   * @param redelivery how each delivery reaches the subscriber
   */
  void recover(Subscriber subscriber, DeliveryCallback next, Redelivery redelivery);

  /**
   * {@return the number of deliveries made again by {@link #recover} since the journal was opened}
   */
  long redelivered();

  /**
   * Writes what is left to write until the deadline ({@link System#nanoTime()} scale), then stops.
   *
   * @param deadlineNanos the deadline
   */
  void stop(long deadlineNanos);
}
