package dev.eventbus.durable.internal;

import dev.eventbus.api.DeadLetter;
import dev.eventbus.api.DeadLetterFilter;
import dev.eventbus.api.HandlerFailure;
import dev.eventbus.api.spi.DeadLetterStore;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Records a durable bus's final failures as dead letters in its store. A letter the store cannot
 * record is not lost: it is counted, kept here in memory (listed, replayed and purged with the
 * stored ones) and its delivery is left pending in the store, so it is made again after the next
 * start. Thread-safe.
 */
final class DeadLetterRecorder {

  private static final Logger LOG = System.getLogger(DeadLetterRecorder.class.getName());

  private static final Comparator<DeadLetter> ORDER =
      Comparator.comparingLong((DeadLetter letter) -> letter.id().position())
          .thenComparing(letter -> letter.id().subscriptionName());

  private final DeadLetterStore store;
  private final LongAdder notStored = new LongAdder();
  private final Map<DeadLetter.Id, DeadLetter> unsaved = new LinkedHashMap<>();

  DeadLetterRecorder(DeadLetterStore store) {
    this.store = store;
  }

  /**
   * Records the final failure of the delivery of the event at {@code position} (stored as {@code
   * eventType}).
   *
   * @return whether the store recorded it; if not, it is counted and kept in memory
   */
  boolean record(long position, String eventType, HandlerFailure failure) {
    DeadLetter letter =
        DeadLetter.of(
            new DeadLetter.Id(failure.subscriptionName(), position),
            eventType,
            failure.cause(),
            failure.attempts(),
            failure.failedAt());
    return record(letter);
  }

  private boolean record(DeadLetter letter) {
    DeadLetter merged;
    synchronized (unsaved) {
      DeadLetter earlier = unsaved.get(letter.id());
      merged = earlier == null ? letter : earlier.failedAgain(letter);
    }
    try {
      store.recordDeadLetter(merged);
    } catch (RuntimeException | Error e) {
      // Not swallowed: counted, kept in memory, and the delivery stays pending in the store.
      notStored.increment();
      synchronized (unsaved) {
        unsaved.put(letter.id(), merged);
      }
      LOG.log(
          Level.ERROR,
          "could not store dead letter "
              + letter.id()
              + "; it is kept in memory and its delivery will be made again after a restart",
          e);
      return false;
    }
    synchronized (unsaved) {
      unsaved.remove(letter.id());
    }
    return true;
  }

  /** How many letters the store could not record. */
  long notStored() {
    return notStored.sum();
  }

  /** The letters, stored and kept in memory, that {@code filter} accepts, by position. */
  List<DeadLetter> letters(DeadLetterFilter filter) {
    List<DeadLetter> all = new ArrayList<>(store.deadLetters(filter));
    synchronized (unsaved) {
      unsaved.values().stream().filter(filter::matches).forEach(all::add);
    }
    all.sort(ORDER);
    return all;
  }

  /** The letter with key {@code id}, stored or kept in memory. */
  Optional<DeadLetter> find(DeadLetter.Id id) {
    synchronized (unsaved) {
      DeadLetter kept = unsaved.get(id);
      if (kept != null) {
        return Optional.of(kept);
      }
    }
    return store.deadLetter(id);
  }

  /** Removes the letter with key {@code id}; whether there was one. */
  boolean remove(DeadLetter.Id id) {
    boolean kept;
    synchronized (unsaved) {
      kept = unsaved.remove(id) != null;
    }
    return store.removeDeadLetter(id) || kept;
  }

  /** Removes the letters {@code filter} accepts; how many. */
  long purge(DeadLetterFilter filter) {
    long kept;
    synchronized (unsaved) {
      int before = unsaved.size();
      unsaved.values().removeIf(filter::matches);
      kept = before - unsaved.size();
    }
    return store.purgeDeadLetters(filter) + kept;
  }
}
