package dev.eventbus.processors;

import dev.eventbus.core.internal.concurrent.PaddedLong;
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

  // Final but for a reused DeliveryTask, whose lane writes them before it queues the task again
  // (the queue's hand-off publishes them to the drain).
  Subscriber subscriber;
  int lane;
  private @Nullable PaddedLong ranCounter;
  // The publisher's context (ContextPropagator.capture), restored by the lane around run; null
  // when the bus has no propagator, or the task restores its own (BatchTask, per event).
  @Nullable Object context;

  /**
   * @param lane the priority lane, 0 (first) to 2 (last)
   */
  Task(Subscriber subscriber, int lane) {
    this.subscriber = subscriber;
    this.lane = lane;
  }

  /**
   * Where the task counts deliveries that ran to an outcome; set by the lane that queues it. A task
   * that wraps another passes it on, since the wrapped task is the one that settles.
   */
  void countRunsIn(PaddedLong counter) {
    if (ranCounter != counter) { // a reused task mostly has it already: see reset
      this.ranCounter = counter;
    }
  }

  /**
   * Gives a reused task its next delivery's subscriber and lane. A reference is written only if it
   * changes: a reused task is usually old and its next delivery usually goes to the same
   * subscriber, and a reference stored into an old object costs a collector's write barrier (with
   * G1 a memory fence and, across regions, a card to refine), which a read does not.
   */
  final void reset(Subscriber target, int priorityLane) {
    if (subscriber != target) {
      this.subscriber = target;
    }
    this.lane = priorityLane;
  }

  /**
   * Counts {@code outcome} if the delivery ran (delivered or failed, not dropped). Tasks call it
   * before telling the callback, so whoever sees the outcome sees it counted.
   */
  final void countIfRan(DeliveryOutcome outcome) {
    PaddedLong counter = ranCounter;
    if (counter != null && outcome != DeliveryOutcome.Status.DROPPED) {
      counter.incrementOpaque(); // only the lane's drain runs a task to an outcome: one writer
    }
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
   * {@link DeliveryOutcome.Status#DROPPED} for it (or throws {@link
   * dev.eventbus.api.EventBusOverloadedException}, which the dispatcher counts as dropped);
   * deliveries that were already reported pending are settled.
   */
  abstract void refuse(ProcessorContext context, String reason);

  /**
   * Settles every delivery of the task that is not settled yet as {@link
   * DeliveryOutcome.Status#DROPPED}, telling the drop listener why.
   *
   * @return how many deliveries it settled
   */
  abstract int abandon(ProcessorContext context, String reason);

  /**
   * Settles as {@link DeliveryOutcome.Status#DROPPED} every delivery of the task that is not
   * settled yet, because its subscription was closed while the task was queued. That is not a loss
   * to report, since the subscriber asked for no more events; this default does tell the drop
   * listener (as {@link #abandon}), and tasks that can settle quietly override it.
   *
   * @return how many deliveries it settled
   */
  int discard(ProcessorContext context) {
    return abandon(context, "subscription closed before delivery");
  }
}
