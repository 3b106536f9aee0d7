package dev.eventbus.processors;

import dev.eventbus.core.internal.concurrent.PaddedLong;
import dev.eventbus.core.spi.HandlerInvoker;
import dev.eventbus.core.spi.ProcessorContext;
import java.time.Duration;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/** A task that reports how long each of its turns took, for the adaptive processor's measures. */
final class TimedTask extends Task {

  /** Receives the time a turn took and how many deliveries it covered. */
  @FunctionalInterface
  interface Timing {
    void took(long nanos, int deliveries);
  }

  private final Task inner;
  private final LongSupplier nanoTime;
  private final Timing timing;
  private final LongConsumer onStart;

  TimedTask(Task inner, LongSupplier nanoTime, Timing timing) {
    this(inner, nanoTime, timing, start -> {});
  }

  /**
   * @param onStart told the time each turn starts (for a task that times itself to its outcome)
   */
  TimedTask(Task inner, LongSupplier nanoTime, Timing timing, LongConsumer onStart) {
    super(inner.subscriber, inner.lane);
    this.inner = inner;
    this.nanoTime = nanoTime;
    this.timing = timing;
    this.onStart = onStart;
  }

  /** The inner task settles the deliveries, so it is the one that must count them. */
  @Override
  void countRunsIn(PaddedLong counter) {
    super.countRunsIn(counter);
    inner.countRunsIn(counter);
  }

  @Override
  @Nullable Duration run(HandlerInvoker invoker) {
    long start = nanoTime.getAsLong();
    onStart.accept(start);
    Duration wait = inner.run(invoker);
    timing.took(nanoTime.getAsLong() - start, inner.size());
    return wait;
  }

  @Override
  int size() {
    return inner.size();
  }

  @Override
  void refuse(ProcessorContext context, String reason) {
    inner.refuse(context, reason);
  }

  @Override
  int abandon(ProcessorContext context, String reason) {
    return inner.abandon(context, reason);
  }
}
