package dev.eventbus.core.internal;

import dev.eventbus.api.DeadLetter;
import dev.eventbus.api.DeadLetterFilter;
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
 * capacity} letters the oldest is evicted and counted. Each letter is numbered from 1 in arrival
 * order; its {@link DeadLetter.Id} is its subscription and that number. Replays go through a {@link
 * Redelivery} the bus provides. Thread-safe.
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

  /** A queued failure and its letter's id. */
  private record Queued(DeadLetter.Id id, HandlerFailure failure) {
    DeadLetter letter() {
      return DeadLetter.of(
          id, failure.eventType(), failure.cause(), failure.attempts(), failure.failedAt());
    }
  }

  private final int capacity;
  private final ArrayDeque<Queued> letters = new ArrayDeque<>();
  private final Redelivery redelivery;
  private long evicted;
  private long lastNumber;

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
    letters.addLast(
        new Queued(new DeadLetter.Id(failure.subscriptionName(), ++lastNumber), failure));
  }

  @Override
  public synchronized int size() {
    return letters.size();
  }

  @Override
  public synchronized List<HandlerFailure> list() {
    return letters.stream().map(Queued::failure).toList();
  }

  @Override
  public synchronized long evicted() {
    return evicted;
  }

  @Override
  public ReplayReport replay(Predicate<? super HandlerFailure> which) {
    Objects.requireNonNull(which, "which");
    return replayQueued(queued -> which.test(queued.failure()));
  }

  @Override
  public ReplayReport replay(DeadLetter.Id id) {
    Objects.requireNonNull(id, "id");
    requireQueued(id);
    return replayQueued(queued -> queued.id().equals(id));
  }

  @Override
  public ReplayReport replay(DeadLetterFilter filter) {
    Objects.requireNonNull(filter, "filter");
    return replayQueued(queued -> filter.matches(queued.letter()));
  }

  private ReplayReport replayQueued(Predicate<Queued> which) {
    List<Queued> chosen = new ArrayList<>();
    synchronized (this) {
      Iterator<Queued> queued = letters.iterator();
      while (queued.hasNext()) {
        Queued letter = queued.next();
        if (which.test(letter)) {
          chosen.add(letter);
          queued.remove();
        }
      }
    }
    int redelivered = 0;
    int failedAgain = 0;
    List<Queued> gone = new ArrayList<>();
    // Outside the lock: a failure during the replay comes back through onDeadLetter.
    for (Queued letter : chosen) {
      switch (redelivery.redeliver(letter.failure().subscriptionId(), letter.failure().event())) {
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

  @Override
  public synchronized List<DeadLetter> letters(DeadLetterFilter filter) {
    Objects.requireNonNull(filter, "filter");
    return letters.stream().map(Queued::letter).filter(filter::matches).toList();
  }

  @Override
  public synchronized void purge(DeadLetter.Id id) {
    Objects.requireNonNull(id, "id");
    requireQueued(id);
    letters.removeIf(queued -> queued.id().equals(id));
  }

  @Override
  public synchronized long purge(DeadLetterFilter filter) {
    Objects.requireNonNull(filter, "filter");
    int before = letters.size();
    letters.removeIf(queued -> filter.matches(queued.letter()));
    return before - letters.size();
  }

  private synchronized void requireQueued(DeadLetter.Id id) {
    if (letters.stream().noneMatch(queued -> queued.id().equals(id))) {
      throw new IllegalArgumentException("no dead letter " + id + " in the bus's queue");
    }
  }

  /** Always 0: there is no store. */
  @Override
  public long notStored() {
    return 0;
  }

  /** Always empty: there is no store. */
  @Override
  public List<Quarantined> quarantined() {
    return List.of();
  }
}
