package dev.eventbus.durable.internal;

import dev.eventbus.api.spi.DurableEventStore.DeliveryCompletion;
import dev.eventbus.api.spi.DurableEventStore.Outcome;
import dev.eventbus.api.spi.StoredEvent;
import dev.eventbus.core.journal.Journal;
import dev.eventbus.core.spi.DeliveryCallback;
import dev.eventbus.core.spi.DeliveryOutcome;
import dev.eventbus.core.spi.Subscriber;
import java.time.Clock;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The deliveries of one stored event: passes each final outcome on to the publish's own callback
 * and, for the subscriptions the store tracks for this event, records the completion. A dropped
 * delivery is not completed: it stays pending and is made again after the next start. A final
 * failure is stored as a dead letter first, and completed only once the letter is stored.
 */
final class TrackedPublish implements Journal.Entry {

  private final long position;
  private final String eventType;
  private final Set<String> tracked;
  private final DeliveryCallback delegate;
  private final CompletionQueue completions;
  private final Clock clock;
  private final DeadLetterRecorder deadLetters;

  TrackedPublish(
      StoredEvent stored,
      Set<String> tracked,
      DeliveryCallback delegate,
      CompletionQueue completions,
      Clock clock,
      DeadLetterRecorder deadLetters) {
    this.position = stored.position();
    this.eventType = stored.eventType();
    this.deadLetters = deadLetters;
    this.tracked = tracked;
    this.delegate = delegate;
    this.completions = completions;
    this.clock = clock;
  }

  /** A delivery a processor left pending has ended. */
  @Override
  public void completed(Subscriber subscriber, Object event, DeliveryOutcome outcome) {
    delegate.completed(subscriber, event, outcome);
    settle(subscriber, outcome);
  }

  @Override
  public void settledNow(Subscriber subscriber, Object event, DeliveryOutcome outcome) {
    settle(subscriber, outcome);
  }

  private void settle(Subscriber subscriber, DeliveryOutcome outcome) {
    if (!tracked.contains(subscriber.name())) {
      return;
    }
    if (outcome instanceof DeliveryOutcome.Failed failed
        && !deadLetters.record(position, eventType, failed.failure())) {
      return; // no stored letter: the delivery stays pending and is made again after a restart
    }
    Outcome recorded = toRecord(outcome);
    if (recorded != null) {
      completions.record(
          new DeliveryCompletion(position, subscriber.name(), recorded, clock.instant()));
    }
  }

  private static @Nullable Outcome toRecord(DeliveryOutcome outcome) {
    if (outcome == DeliveryOutcome.Status.DELIVERED) {
      return Outcome.DELIVERED;
    }
    if (outcome == DeliveryOutcome.Status.FILTERED) {
      return Outcome.FILTERED;
    }
    if (outcome instanceof DeliveryOutcome.Failed) {
      return Outcome.FAILED;
    }
    return null; // PENDING: not over yet; DROPPED: stays pending in the store
  }
}
