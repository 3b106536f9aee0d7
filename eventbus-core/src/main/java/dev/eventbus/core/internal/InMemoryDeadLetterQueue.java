package dev.eventbus.core.internal;

import dev.eventbus.api.DeadLetterQueue;
import dev.eventbus.api.HandlerFailure;
import dev.eventbus.api.SubscriptionId;
import dev.eventbus.api.spi.DeadLetterHandler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A bounded in-memory {@link DeadLetterQueue}: the bus hands it each final failure; past {@code
 * capacity} letters the oldest is evicted and counted. Replays go through a {@link Redelivery} the
 * bus provides. Thread-safe.
 */
final class InMemoryDeadLetterQueue implements DeadLetterQueue, DeadLetterHandler {

  /** How a replay reaches the subscription that failed. */
  @FunctionalInterface
  public interface Redelivery {

    /** The outcome of delivering a letter's event to its subscription again. */
    enum Result {
      DELIVERED,
      FAILED_AGAIN,
      SUBSCRIPTION_GONE
    }

    Result redeliver(SubscriptionId subscriptionId, Object event);
  }

  private final int capacity;
  private final ArrayDeque<HandlerFailure> letters = new ArrayDeque<>();
  private final Redelivery redelivery;
  private long evicted;

  /**
   * @param capacity how many letters to keep
   * @param redelivery how replays deliver; the bus that owns the queue provides it
   * @throws IllegalArgumentException if {@code capacity < 1}
   */
  public InMemoryDeadLetterQueue(int capacity, Redelivery redelivery) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1 but was " + capacity);
    }
    this.capacity = capacity;
    this.redelivery = Objects.requireNonNull(redelivery, "redelivery");
  }

  @Override
  public synchronized void onDeadLetter(HandlerFailure failure) {
    Objects.requireNonNull(failure, "failure");
    if (letters.size() >= capacity) {
      letters.pollFirst();
      evicted++;
    }
    letters.addLast(failure);
  }

  @Override
  public synchronized int size() {
    return letters.size();
  }

  @Override
  public synchronized List<HandlerFailure> list() {
    return List.copyOf(letters);
  }

  @Override
  public synchronized long evicted() {
    return evicted;
  }

  @Override
  public ReplayReport replay(Predicate<? super HandlerFailure> which) {
    Objects.requireNonNull(which, "which");
    List<HandlerFailure> chosen = new ArrayList<>();
    synchronized (this) {
      Iterator<HandlerFailure> queued = letters.iterator();
      while (queued.hasNext()) {
        HandlerFailure letter = queued.next();
        if (which.test(letter)) {
          chosen.add(letter);
          queued.remove();
        }
      }
    }
    int redelivered = 0;
    int failedAgain = 0;
    List<HandlerFailure> gone = new ArrayList<>();
    // Outside the lock: a failure during the replay comes back through onDeadLetter.
    for (HandlerFailure letter : chosen) {
      switch (redelivery.redeliver(letter.subscriptionId(), letter.event())) {
        case DELIVERED -> redelivered++;
        case FAILED_AGAIN -> failedAgain++;
        case SUBSCRIPTION_GONE -> gone.add(letter);
      }
    }
    synchronized (this) {
      for (int i = gone.size() - 1; i >= 0; i--) {
        letters.addFirst(gone.get(i));
      }
      while (letters.size() > capacity) {
        letters.pollFirst();
        evicted++;
      }
    }
    return new ReplayReport(redelivered, failedAgain, gone.size());
  }

  @Override
  public synchronized void clear() {
    letters.clear();
  }
}
