package dev.eventbus.api;

import java.util.List;
import java.util.function.Predicate;

/**
 * The bus's in-memory dead letters: deliveries that failed for good, kept (up to a capacity, then
 * the oldest is evicted and counted) so that they can be inspected and replayed once the cause is
 * fixed. Thread-safe.
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
   */
  record ReplayReport(int redelivered, int failedAgain, int subscriptionGone) {}

  /** How many letters are queued. */
  int size();

  /** The queued letters, oldest first. */
  List<HandlerFailure> list();

  /** How many letters were evicted because the queue was full. */
  long evicted();

  /**
   * Delivers the event of each queued letter that {@code which} accepts again to the subscription
   * that failed on it (and only to that one), on the calling thread, under that subscription's
   * retry policy. Replayed letters leave the queue; one that fails again comes back as a new dead
   * letter; one whose subscription is gone stays.
   */
  ReplayReport replay(Predicate<? super HandlerFailure> which);

  /** Replays every queued letter. */
  default ReplayReport replayAll() {
    return replay(letter -> true);
  }

  /** Removes every queued letter. */
  void clear();
}
