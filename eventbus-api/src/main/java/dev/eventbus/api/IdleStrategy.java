package dev.eventbus.api;

/**
 * How an {@link ProcessingMode#ASYNC} lane's thread waits when its queue runs empty, for at most
 * {@link AsyncConfig#idleSpin()} before it parks. Waiting without parking lets an event that
 * arrives meanwhile start without a thread wake-up (which costs microseconds); it also keeps a core
 * busy that other threads, the publishers among them, may need. However a lane waits, it parks once
 * {@code idleSpin} has passed without an event, so an idle bus uses no CPU.
 *
 * <p>It applies to the lanes of a processor that owns its threads (one per shard, and one per unit
 * of an order-free subscription's concurrency); lanes on a supplied scheduler, and batch and
 * adaptive lanes, park at once.
 *
 * @since 0.1
 */
public enum IdleStrategy {
  /** Parks at once: no CPU spent waiting, a wake-up for the first event of every burst. */
  PARK,
  /**
   * Spins ({@link Thread#onSpinWait()}) until {@code idleSpin} passes, then parks: the lowest
   * latency, and a core held for the whole wait even when other threads are waiting for one.
   */
  SPIN,
  /**
   * Yields ({@link Thread#yield()}) until {@code idleSpin} passes, then parks: any thread waiting
   * for a core gets it first.
   */
  YIELD,
  /**
   * Spin, then yield, then park: spins briefly (a few microseconds) only when the machine has more
   * processors than the bus has shards, else yields from the start, then parks once {@code
   * idleSpin} has passed. It gives the CPU back when cores are scarce and keeps the hand-off fast
   * when they are not. The default.
   */
  BACKOFF
}
