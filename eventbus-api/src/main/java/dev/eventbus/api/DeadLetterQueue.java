package dev.eventbus.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The bus's dead letters: deliveries that failed for good, kept so that they can be inspected and
 * replayed once the cause is fixed. Thread-safe.
 *
 * <p>Two views. The {@linkplain #letters(DeadLetterFilter) letters} ({@link DeadLetter}: event,
 * subscription, attempts, first and last failure, last error as text) are what the bus keeps: on a
 * bus with storage they are stored, keyed by subscription and event position, survive restarts, and
 * are replayed ({@link #replay(DeadLetter.Id)}, {@link #replay(DeadLetterFilter)}) and purged
 * ({@link #purge(DeadLetter.Id)}, {@link #purge(DeadLetterFilter)}) in the store. The {@linkplain
 * #list() failures} ({@link HandlerFailure}, with the event object and the exception itself) are
 * the final failures this bus saw since it was built, in memory, up to a capacity (then the oldest
 * is evicted and counted); on a bus without storage both views hold the same letters.
 *
 * @since 0.1
 */
public interface DeadLetterQueue {

  /**
   * What a replay did.
   *
   * @param redelivered letters whose subscription handled the event this time
   * @param failedAgain letters whose subscription failed again (they are dead letters anew)
   * @param subscriptionGone letters whose subscription no longer exists (they stay queued)
   * @param unreadable stored letters whose event could not be read back: it is quarantined (see
   *     {@link #quarantined()}, with the reason) and the letter stays
   */
  record ReplayReport(int redelivered, int failedAgain, int subscriptionGone, int unreadable) {

    /**
     * A report of a replay that read every event it tried.
     *
     * @param redelivered letters whose subscription handled the event this time
     * @param failedAgain letters whose subscription failed again
     * @param subscriptionGone letters whose subscription no longer exists
     */
    public ReplayReport(int redelivered, int failedAgain, int subscriptionGone) {
      this(redelivered, failedAgain, subscriptionGone, 0);
    }
  }

  /**
   * A stored record set aside because it cannot be read back: no dead letter, and not replayable.
   *
   * @param position the record's position
   * @param eventType its type name as stored, or empty if even that could not be read
   * @param version its version as stored, or 0 if that could not be read
   * @param reason why it was set aside, naming what was wrong
   * @param quarantinedAt when it was set aside
   */
  record Quarantined(
      long position, String eventType, int version, String reason, Instant quarantinedAt) {

    /**
     * Validates the fields.
     *
     * @param position the record's position
     * @param eventType its type name as stored, or empty if even that could not be read
     * @param version its version as stored, or 0 if that could not be read
     * @param reason why it was set aside, naming what was wrong
     * @param quarantinedAt when it was set aside
     * @throws NullPointerException if {@code eventType}, {@code reason} or {@code quarantinedAt} is
     *     null
     */
    public Quarantined {
      Objects.requireNonNull(eventType, "eventType");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(quarantinedAt, "quarantinedAt");
    }
  }

  /** {@return how many failures are kept in memory (see {@link #list()})} */
  int size();

  /** {@return the final failures kept in memory, oldest first} */
  List<HandlerFailure> list();

  /** {@return how many failures were evicted from memory because the queue was full} */
  long evicted();

  /**
   * Delivers the event of each failure kept in memory that {@code which} accepts again to the
   * subscription that failed on it (and only to that one), on the calling thread, under that
   * subscription's retry policy. Replayed failures leave the queue; one that fails again comes back
   * as a new dead letter; one whose subscription is gone stays. On a bus with storage, replay the
   * stored letters with {@link #replay(DeadLetterFilter)} instead: this one does not remove them.
   *
   * @param which accepts the failures to replay
   * @return how many of them were redelivered, failed again or had lost their subscription
   */
  ReplayReport replay(Predicate<? super HandlerFailure> which);

  /**
   * Replays every letter: {@code replay(DeadLetterFilter.all())}. A bus with storage then also
   * replays, as {@link #replay(Predicate)} does, the failures of its SYNC subscriptions: their
   * deliveries are over before {@code publish} returns and are not stored, so their final failures
   * are kept in memory only and are no stored letter.
   *
   * @return what the replay did
   */
  default ReplayReport replayAll() {
    return replay(DeadLetterFilter.all());
  }

  /** Removes every failure kept in memory; stored letters stay (see {@link #purge}). */
  void clear();

  /**
   * The letters {@code filter} accepts, by position, then subscription name.
   *
   * @param filter which letters to list; {@link DeadLetterFilter#all()} for every one
   * @return the letters, possibly empty
   */
  List<DeadLetter> letters(DeadLetterFilter filter);

  /**
   * Delivers the letter's event again to its subscription only, on the calling thread, under that
   * subscription's retry policy; on a bus with storage the event is read back from the store and
   * upcast to its current version first. A letter handled this time is removed; one that fails
   * again stays, with its attempts, last failure and error updated; one whose subscription is not
   * registered now stays as it was.
   *
   * @param id the letter's subscription name and event position
   * @return what the replay did: one letter redelivered, failed again, without subscription or
   *     unreadable
   * @throws IllegalArgumentException if there is no such letter
   */
  ReplayReport replay(DeadLetter.Id id);

  /**
   * Replays, as {@link #replay(DeadLetter.Id)} does, each letter {@code filter} accepts, by
   * position: {@code replay(DeadLetterFilter.all().subscription("ledger"))} replays one
   * subscription's.
   *
   * @param filter which letters to replay
   * @return what the replay did, counting each letter once
   */
  ReplayReport replay(DeadLetterFilter filter);

  /**
   * Removes one letter without delivering it.
   *
   * @param id the letter's subscription name and event position
   * @throws IllegalArgumentException if there is no such letter
   */
  void purge(DeadLetter.Id id);

  /**
   * Removes the letters {@code filter} accepts without delivering them.
   *
   * @param filter which letters to remove
   * @return how many were removed
   */
  long purge(DeadLetterFilter filter);

  /**
   * How many final failures the store could not record as letters since the bus was built: each is
   * still in {@link #list()} and {@link #letters}, and its delivery stays pending in the store, so
   * it is made again after the next start. Always 0 on a bus without storage.
   *
   * @return the number of final failures not stored as letters, 0 or more
   */
  long notStored();

  /**
   * The stored records set aside because they cannot be read (unknown type or version, data that
   * does not fit, stored text that does not parse), by position, each with the reason and when;
   * they are no dead letters and cannot be replayed. Empty on a bus without storage.
   *
   * @return the quarantined records, possibly empty
   */
  List<Quarantined> quarantined();
}
