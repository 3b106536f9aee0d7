package dev.eventbus.jcstress;

import dev.eventbus.api.AsyncConfig;
import dev.eventbus.api.DropListener;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusBuilder;
import dev.eventbus.processors.EventBusFactory;
import java.time.Duration;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The buses the tests use, built as users build them, with {@link EventBusFactory#builder()}.
 * jcstress makes a new state object, and so a new bus, for every sample (millions per test), so
 * each bus here must be cheap to build and must hold no thread of its own:
 *
 * <ul>
 *   <li>{@link #sync()} runs only {@link ProcessingMode#SYNC}: no threads at all, nothing to stop.
 *       A bus with the default modes would also start the async, batch and adaptive processors,
 *       each with a Reactor scheduler of its own, for every sample.
 *   <li>{@link #async} runs SYNC and ASYNC, its ASYNC lanes on {@link #LANES}, one scheduler shared
 *       by every bus of the forked VM ({@link EventBusBuilder#scheduler}: the caller owns it).
 *       Stopping such a bus disposes its lanes' workers but not the shared threads, so each test's
 *       arbiter stops its bus and no thread outlives a sample. The shared threads are daemons, so
 *       the forked VM exits when jcstress is done with it.
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
    return EventBusFactory.builder()
        .modes(ProcessingMode.SYNC)
        .config(EventBusConfig.builder().typeCacheSize(16).build())
        .dropListener(QUIET)
        .build();
  }

  /**
   * A running bus with synchronous and asynchronous delivery, {@code shards} async lanes of {@code
   * queueSize} each on the shared scheduler, and {@code policy} as the default overflow policy.
   */
  static UnifiedEventBus async(
      int shards, int queueSize, OverflowPolicy policy, Duration blockTimeout) {
    return asyncBuilder(shards, queueSize, policy, blockTimeout).scheduler(LANES).build();
  }

  /**
   * A builder of {@link #async}'s bus without a scheduler: built as it is, the bus runs its lanes
   * on a parallel scheduler of its own, one thread per lane, which its stop disposes.
   */
  static EventBusBuilder asyncBuilder(
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
    return EventBusFactory.builder().modes(ProcessingMode.ASYNC).config(config).dropListener(QUIET);
  }
}
