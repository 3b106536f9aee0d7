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
   * latency on a machine with a core to spare; on a busy one the spinning thread loses its core and
   * an event that arrives meanwhile waits for its next time slice (milliseconds).
   */
  SPIN,
  /**
   * Yields ({@link Thread#yield()}) until {@code idleSpin} passes, then parks: any thread waiting
   * for a core gets it first, and on a busy machine the lane's thread may then wait a time slice
   * for its own turn, as with {@code SPIN}.
   */
  YIELD,
  /**
   * Spin, then park, and park at once when cores are scarce: spins as {@code SPIN} does only when
   * the machine has more processors than the bus has shards, and parks at once for the next 100 ms
   * whenever a spin shows the thread lost its core for more than 200 µs to other runnable threads
   * (a parked thread that is woken is scheduled promptly). The default.
   */
  BACKOFF
}
