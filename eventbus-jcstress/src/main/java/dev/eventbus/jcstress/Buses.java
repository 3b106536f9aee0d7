package dev.eventbus.jcstress;

import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.DropListener;
import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.AsyncConfig;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.core.internal.EventBusCore;
import dev.eventbus.processors.AsyncProcessor;
import dev.eventbus.processors.SyncProcessor;
import java.time.Duration;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The buses the tests use. jcstress makes a new state object, and so a new bus, for every sample
 * (millions per test), so each bus here must be cheap to build and must hold no thread of its own:
 *
 * <ul>
 *   <li>{@link #sync()} has only the {@link SyncProcessor}: no threads at all, nothing to stop.
 *       {@code EventBusFactory.builder()} would also start the async, batch and adaptive
 *       processors, each with a Reactor scheduler of its own, for every sample.
 *   <li>{@link #async} runs its lanes on {@link #LANES}, one scheduler shared by every bus of the
 *       forked VM (the {@link AsyncProcessor#AsyncProcessor(Scheduler)} constructor, whose caller
 *       owns the scheduler). Stopping such a bus disposes its lanes' workers but not the shared
 *       threads, so each test's arbiter stops its bus and no thread outlives a sample. The shared
 *       threads are daemons, so the forked VM exits when jcstress is done with it.
 * </ul>
 *
 * Dropped deliveries are counted by the bus's stats either way; the drop listener is silenced only
 * because the default one logs every drop at WARNING, which at millions of samples would drown the
 * console.
 */
final class Buses {

  /** Two threads: the machine these run on has two cores, and the actors need them too. */
  static final Scheduler LANES = Schedulers.newParallel("jcstress-lanes", 2, true);

  /** How long an arbiter's stop waits for the lanes to drain; far more than they ever need. */
  static final Duration DRAIN = Duration.ofSeconds(5);

  private static final DropListener QUIET = dropped -> {};

  private Buses() {}

  /** A running bus with synchronous delivery only. */
  static UnifiedEventBus sync() {
    return EventBusCore.builder()
        .config(EventBusConfig.builder().typeCacheSize(16).build())
        .processor(new SyncProcessor())
        .dropListener(QUIET)
        .build();
  }

  /**
   * A running bus with synchronous and asynchronous delivery, {@code shards} async lanes of {@code
   * queueSize} each on the shared scheduler, and {@code policy} as the default overflow policy.
   */
  static UnifiedEventBus async(
      int shards, int queueSize, OverflowPolicy policy, Duration blockTimeout) {
    EventBusConfig config =
        EventBusConfig.builder()
            .typeCacheSize(16)
            .async(
                AsyncConfig.builder()
                    .shards(shards)
                    .queueSize(queueSize)
                    .overflowPolicy(policy)
                    .blockTimeout(blockTimeout)
                    .build())
            .build();
    return EventBusCore.builder()
        .config(config)
        .processor(new SyncProcessor())
        .processor(new AsyncProcessor(LANES))
        .dropListener(QUIET)
        .build();
  }
}
