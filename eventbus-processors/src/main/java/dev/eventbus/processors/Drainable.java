package dev.eventbus.processors;

import dev.eventbus.core.spi.EventProcessor;
import java.util.List;

/**
 * Something that queues deliveries and can be drained at stop: a lane, a batch accumulator, an
 * adaptive subscription. {@link #stopAll} is how every processor stops its parts.
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
   * Stops {@code parts} together: reads what each had completed, closes them all, then drains each
   * until the one deadline, so the drained count covers everything finished during the stop and
   * nothing new slips into a part not yet reached.
   */
  static EventProcessor.StopResult stopAll(List<? extends Drainable> parts, long deadlineNanos) {
    long[] completedBefore = new long[parts.size()];
    for (int i = 0; i < parts.size(); i++) {
      completedBefore[i] = parts.get(i).completed();
    }
    for (Drainable part : parts) {
      part.close();
    }
    EventProcessor.StopResult result = EventProcessor.StopResult.NOTHING_QUEUED;
    for (int i = 0; i < parts.size(); i++) {
      result = result.plus(parts.get(i).stop(deadlineNanos, completedBefore[i]));
    }
    return result;
  }
}
