package dev.eventbus.processors;

import dev.eventbus.core.spi.DeliveryOutcome;
import dev.eventbus.core.spi.HandlerInvoker;
import dev.eventbus.core.spi.ProcessorContext;
import dev.eventbus.core.spi.Subscriber;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A unit of queued work for one subscriber: one event ({@link DeliveryTask}) or one batch ({@link
 * BatchTask}). A task may need several turns: when an attempt fails and the retry policy asks to
 * wait, {@link #run} returns the wait and the lane runs the task again afterwards, holding back the
 * tasks behind it so order is kept.
 */
abstract class Task {

  final Subscriber subscriber;
  final int lane;

  /**
   * @param lane the priority lane, 0 (first) to 2 (last)
   */
  Task(Subscriber subscriber, int lane) {
    this.subscriber = subscriber;
    this.lane = lane;
  }

  /**
   * Works on the task until it is finished ({@code null}) or must wait before its next attempt.
   * Settles each of its deliveries when finished.
   */
  abstract @Nullable Duration run(HandlerInvoker invoker);

  /** How many deliveries (events) the task stands for. */
  abstract int size();

  /**
   * Tells the drop listener that the task was refused before it was queued. The caller returns
   * {@link DeliveryOutcome.Status#DROPPED} for it; deliveries that were already reported pending
   * are settled.
   */
  abstract void refuse(ProcessorContext context, String reason);

  /**
   * Settles every delivery of the task that is not settled yet as {@link
   * DeliveryOutcome.Status#DROPPED}, telling the drop listener why.
   *
   * @return how many deliveries it settled
   */
  abstract int abandon(ProcessorContext context, String reason);
}
