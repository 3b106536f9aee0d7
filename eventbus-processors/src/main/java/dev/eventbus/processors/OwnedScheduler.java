package dev.eventbus.processors;

import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;

/**
 * A processor's Reactor scheduler: either one the caller supplied (and owns), or one the processor
 * makes when it starts and disposes when it stops. Thread-safe.
 */
final class OwnedScheduler {

  private final @Nullable Scheduler supplied;
  private final Supplier<Scheduler> factory;
  private volatile @Nullable Scheduler running;

  /**
   * @param supplied the caller's scheduler, or {@code null} to make one with {@code factory}
   */
  OwnedScheduler(@Nullable Scheduler supplied, Supplier<Scheduler> factory) {
    this.supplied = supplied;
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  /** Makes the scheduler if the processor owns it. */
  synchronized Scheduler start() {
    Scheduler scheduler = supplied != null ? supplied : factory.get();
    running = scheduler;
    return scheduler;
  }

  /**
   * The running scheduler.
   *
   * @throws IllegalStateException before {@link #start()}
   */
  Scheduler get() {
    Scheduler scheduler = running;
    if (scheduler == null) {
      throw new IllegalStateException("the processor has not been started");
    }
    return scheduler;
  }

  /** Disposes the scheduler if the processor made it. */
  synchronized void stop() {
    if (supplied == null && running != null) {
      running.dispose();
    }
  }
}
