package dev.eventbus.core.spi;

import dev.eventbus.api.AdaptiveChoice;
import dev.eventbus.api.BatchTuning;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.ShutdownReport;
import dev.eventbus.api.SubscriptionId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the deliveries of one {@link ProcessingMode}. The engine resolves subscribers, applies
 * filters, then hands each (subscriber, event) pair to the subscriber's processor.
 *
 * <p>Implementations are thread-safe: {@link #deliver} is called concurrently from every publishing
 * thread. They never throw from {@code deliver}: a failing handler is a {@link
 * DeliveryOutcome.Failed}, made by {@link HandlerInvoker}.
 *
 * @since 0.1
 */
public interface EventProcessor {

  /** {@return the mode this processor runs} */
  ProcessingMode mode();

  /**
   * Whether deliveries need a shard index. For sharded processors the engine computes one shard per
   * event, the same for every subscriber, from the event's partition key (or else its type name),
   * in {@code [0, context.config().async().shards())}.
   *
   * @return {@code true} if {@code deliver} needs a shard index; {@code false} by default
   */
  default boolean isSharded() {
    return false;
  }

  /**
   * Called once, before the first delivery.
   *
   * @param context the bus's configuration, invoker, clock and counters
   */
  default void start(ProcessorContext context) {}

  /**
   * Delivers now, or accepts for later.
   *
   * @param subscriber an active subscriber whose filter accepted the event
   * @param event the event
   * @param shard the event's shard if {@link #isSharded()}, else -1
   * @param callback where a {@link DeliveryOutcome.Status#PENDING} delivery reports its end
   * @return the outcome, or {@code PENDING} if the callback will get it
   */
  DeliveryOutcome deliver(
      Subscriber subscriber, Object event, int shard, DeliveryCallback callback);

  /**
   * Called after the bus was reconfigured; {@link ProcessorContext#config()} already returns {@code
   * next}. Processors that keep derived state (batch strategies, say) update it here.
   *
   * @param next the configuration now in force
   */
  default void reconfigured(EventBusConfig next) {}

  /** {@return the batch tuning of each subscription this processor batches now; none by default} */
  default Map<SubscriptionId, BatchTuning> batchTuning() {
    return Map.of();
  }

  /**
   * {@return what each subscription this processor chooses a mode for runs as now, and why; none by
   * default}
   */
  default Map<SubscriptionId, AdaptiveChoice> adaptiveChoices() {
    return Map.of();
  }

  /**
   * Called after a subscriber was removed from the bus, so queued work for it can be settled.
   *
   * @param subscriber the subscriber just removed
   */
  default void unsubscribed(Subscriber subscriber) {}

  /**
   * Called once when the bus's stop begins, on every processor before any is {@linkplain #stop
   * stopped}: refuse deliveries from now on (each one that still arrives, from a publish that
   * passed the bus's running check before the stop, is dropped and reported as "bus stopped"), and
   * take the count that {@link StopResult#drained()} is measured from. {@link #stop} does this
   * itself if it was not called.
   */
  default void beginStop() {}

  /**
   * Stops: delivers what is queued until the deadline, then gives up on the rest. Must return by
   * the deadline whatever handlers do, even a handler that ignores interrupts.
   *
   * @param deadlineNanos the deadline on the {@link System#nanoTime()} scale
   * @return how many deliveries finished since {@link #beginStop()}, what was left undelivered, and
   *     which handlers were still running at the deadline
   */
  default StopResult stop(long deadlineNanos) {
    return StopResult.NOTHING_QUEUED;
  }

  /**
   * A processor's part of a {@link ShutdownReport}.
   *
   * @param drained deliveries completed during the stop
   * @param undelivered what was left, per subscription
   * @param running handlers still running when the processor gave up on them
   */
  record StopResult(
      long drained,
      List<ShutdownReport.Undelivered> undelivered,
      List<ShutdownReport.Running> running) {

    /** The result of a processor that queues nothing. */
    public static final StopResult NOTHING_QUEUED = new StopResult(0, List.of(), List.of());

    /**
     * Copies the lists.
     *
     * @param drained deliveries completed during the stop
     * @param undelivered what was left, per subscription
     * @param running handlers still running when the processor gave up on them
     * @throws NullPointerException if a list or an element of one is null
     */
    public StopResult {
      undelivered = List.copyOf(undelivered);
      running = List.copyOf(running);
    }

    /**
     * Merges two results.
     *
     * @param other another processor's result
     * @return the sums of the counts and the concatenations of the lists
     */
    public StopResult plus(StopResult other) {
      return new StopResult(
          drained + other.drained,
          concat(undelivered, other.undelivered),
          concat(running, other.running));
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
      if (second.isEmpty()) {
        return first;
      }
      List<T> all = new ArrayList<>(first);
      all.addAll(second);
      return all;
    }

    /**
     * The report of a whole bus from its processors' merged result.
     *
     * @param publishesRunning publishes still running when the stop returned
     * @param completedInTime whether the bus's own waits finished before the deadline
     * @param took how long the stop took
     * @return the report, completed in time only if nothing was left undelivered or running
     */
    public ShutdownReport toReport(
        boolean completedInTime, List<ShutdownReport.Running> publishesRunning, Duration took) {
      List<ShutdownReport.Running> all = concat(publishesRunning, running);
      return new ShutdownReport(
          completedInTime && undelivered.isEmpty() && all.isEmpty(),
          drained,
          undelivered,
          all,
          took);
    }
  }
}
