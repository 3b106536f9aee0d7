package dev.eventbus.core.internal.dispatch;

import dev.eventbus.api.HandlerFailure;
import dev.eventbus.api.PublishResult;
import dev.eventbus.core.spi.DeliveryCallback;
import dev.eventbus.core.spi.DeliveryOutcome;
import dev.eventbus.core.spi.Subscriber;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Completes the future of one {@code publishAsync} when its pending deliveries have all ended.
 * Pending outcomes may arrive before the dispatch itself has returned, so the tracker waits for
 * both: the immediate result ({@link #dispatched}) and as many completions as it had pending.
 */
public final class PublishTracker implements DeliveryCallback {

  private final DeliveryCallback next;
  private final CompletableFuture<PublishResult> future = new CompletableFuture<>();
  private final List<HandlerFailure> lateFailures = new ArrayList<>();
  private @Nullable PublishResult immediate;
  private int completed;
  private int lateDelivered;
  private int lateDropped;
  private int lateFiltered;
  private int lateDeadLettered;

  /**
   * @param next told every completion first (the stats)
   */
  public PublishTracker(DeliveryCallback next) {
    this.next = next;
  }

  public CompletableFuture<PublishResult> future() {
    return future;
  }

  @Override
  public void completed(Subscriber subscriber, Object event, DeliveryOutcome outcome) {
    next.completed(subscriber, event, outcome);
    synchronized (this) {
      completed++;
      if (outcome == DeliveryOutcome.Status.DELIVERED) {
        lateDelivered++;
      } else if (outcome == DeliveryOutcome.Status.DROPPED) {
        lateDropped++;
      } else if (outcome == DeliveryOutcome.Status.FILTERED) {
        lateFiltered++;
      } else if (outcome instanceof DeliveryOutcome.Failed failed) {
        lateFailures.add(failed.failure());
        if (failed.deadLettered()) {
          lateDeadLettered++;
        }
      }
    }
    completeIfDone();
  }

  /** Hands over the result the dispatch returned. */
  public void dispatched(PublishResult result) {
    synchronized (this) {
      immediate = result;
    }
    completeIfDone();
  }

  private void completeIfDone() {
    PublishResult result;
    synchronized (this) {
      if (immediate == null || completed < immediate.pending() || future.isDone()) {
        return;
      }
      List<HandlerFailure> failures = new ArrayList<>(immediate.failures());
      failures.addAll(lateFailures);
      result =
          PublishResult.of(
              immediate.subscribers(),
              immediate.delivered() + lateDelivered,
              immediate.filtered() + lateFiltered,
              0,
              immediate.dropped() + lateDropped,
              immediate.deadLettered() + lateDeadLettered,
              failures);
    }
    future.complete(result);
  }
}
