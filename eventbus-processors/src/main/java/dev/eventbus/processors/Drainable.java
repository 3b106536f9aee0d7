package dev.eventbus.processors;

import dev.eventbus.core.spi.EventProcessor;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Something that queues deliveries and can be drained at stop: a lane, a batch accumulator, an
 * adaptive subscription. {@link Stopping} is how every processor stops its parts.
 */
interface Drainable {

  /** Deliveries finished so far; a stop's drained count is measured from this. */
  long completed();

  /** Refuses new deliveries (those arriving later are dropped and reported). */
  void close();

  /**
   * Drains until the deadline, then abandons and reports what is left.
   *
   * @param completedBefore {@link #completed()} when the whole stop began
   */
  EventProcessor.StopResult stop(long deadlineNanos, long completedBefore);

  /**
   * The stop of a processor's parts, in the two steps of {@link EventProcessor#beginStop} and
   * {@link EventProcessor#stop}: {@link #begin} reads what each part had completed, then closes
   * them all, so the drained count covers everything finished from then on and nothing new slips
   * into a part not yet reached; {@link #finish} drains each until the one deadline. Thread-safe.
   */
  final class Stopping {
    private final Supplier<? extends List<? extends Drainable>> source;
    // Guarded by this; set once, by begin().
    private @Nullable List<? extends Drainable> parts;
    private long[] completedBefore = new long[0];

    /**
     * @param source lists the parts to stop (and makes sure no part is made afterwards); called
     *     once
     */
    Stopping(Supplier<? extends List<? extends Drainable>> source) {
      this.source = source;
    }

    /** Takes the counts and closes the parts; idempotent. */
    synchronized void begin() {
      if (parts != null) {
        return;
      }
      List<? extends Drainable> stopping = List.copyOf(source.get());
      long[] before = new long[stopping.size()];
      for (int i = 0; i < stopping.size(); i++) {
        before[i] = stopping.get(i).completed();
      }
      for (Drainable part : stopping) {
        part.close();
      }
      this.completedBefore = before;
      this.parts = stopping;
    }

    /** Begins if that was not done, then drains each part until the deadline; merges reports. */
    EventProcessor.StopResult finish(long deadlineNanos) {
      List<? extends Drainable> stopping;
      long[] before;
      synchronized (this) {
        begin();
        stopping = Objects.requireNonNull(parts);
        before = completedBefore;
      }
      EventProcessor.StopResult result = EventProcessor.StopResult.NOTHING_QUEUED;
      for (int i = 0; i < stopping.size(); i++) {
        result = result.plus(stopping.get(i).stop(deadlineNanos, before[i]));
      }
      return result;
    }
  }
}
