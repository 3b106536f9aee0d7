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
  /**
   * The oldest queued event of the same subscription is dropped to make room (among events of
   * different priorities, the oldest of the lowest priority goes first); if none of its events is
   * queued, the arriving event is dropped.
   */
  DROP_OLDEST,
  /** The arriving event is dropped. */
  DROP_NEWEST
}
