package dev.eventbus.api;

/**
 * What a bounded queue does when an event arrives and the queue is full. Every event that is not
 * delivered because of this policy is counted in {@link EventBusStats#dropped()} and reported; none
 * is lost silently.
 *
 * @since 0.1
 */
public enum OverflowPolicy {
  /** The publisher waits for room, up to the configured block timeout, then fails. */
  BLOCK,
  /** The publish fails at once with {@link EventBusOverloadedException}. */
  FAIL,
  /** The oldest queued event is dropped to make room. */
  DROP_OLDEST,
  /** The arriving event is dropped. */
  DROP_NEWEST
}
