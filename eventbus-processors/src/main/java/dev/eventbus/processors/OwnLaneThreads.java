package dev.eventbus.processors;

import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Threads for lanes that must not share one: a lane whose handler may block for long (a relay
 * waiting for its broker) or that runs side by side with the same subscription's other lanes. The
 * shard schedulers have one thread per processor, which their workers share; a bounded-elastic
 * scheduler gives each busy worker a thread of its own, up to ten per processor. Made when first
 * asked for (most buses have no such lane), disposed at stop; with a scheduler the caller supplied,
 * that one is used and never disposed. Thread-safe.
 */
final class OwnLaneThreads {

  private final @Nullable Scheduler supplied;
  private final String name;
  private @Nullable Scheduler made;

  /**
   * @param supplied the caller's scheduler, or {@code null} to make one when first needed
   * @param name the threads' name prefix
   */
  OwnLaneThreads(@Nullable Scheduler supplied, String name) {
    this.supplied = supplied;
    this.name = name;
  }

  /** The scheduler, made now if needed. */
  synchronized Scheduler get() {
    if (supplied != null) {
      return supplied;
    }
    Scheduler elastic = made;
    if (elastic == null) {
      elastic =
          Schedulers.newBoundedElastic(
              10 * Runtime.getRuntime().availableProcessors(), Integer.MAX_VALUE, name, 60, true);
      made = elastic;
    }
    return elastic;
  }

  /** Disposes the scheduler if this made it. */
  synchronized void stop() {
    if (made != null) {
      made.dispose();
    }
  }
}
