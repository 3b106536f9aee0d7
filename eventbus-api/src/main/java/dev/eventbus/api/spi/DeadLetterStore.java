package dev.eventbus.api.spi;

import dev.eventbus.api.DeadLetter;
import dev.eventbus.api.DeadLetterFilter;
import java.util.List;
import java.util.Optional;

/**
 * Where a durable bus keeps its dead letters, one per subscription and event position, so that they
 * survive restarts. Part of every {@link DurableEventStore}. Thread-safe.
 *
 * @since 0.1
 */
public interface DeadLetterStore {

  /**
   * Records a final failure. A new key stores {@code letter} as given; a key already stored keeps
   * its first failure and event type, adds {@code letter}'s attempts and takes its last failure and
   * error (see {@link DeadLetter#failedAgain}).
   *
   * @param letter the letter of the final failure
   * @throws EventStoreException if it could not be recorded
   * @throws IllegalStateException if the store is closed
   */
  void recordDeadLetter(DeadLetter letter);

  /**
   * The stored letters {@code filter} accepts, by position, then subscription name.
   *
   * @param filter which letters to list
   * @return the letters, possibly empty
   * @throws IllegalStateException if the store is closed
   */
  List<DeadLetter> deadLetters(DeadLetterFilter filter);

  /**
   * The letter with this key, if stored.
   *
   * @param id the subscription name and event position
   * @return the letter, or empty if none is stored under that key
   */
  Optional<DeadLetter> deadLetter(DeadLetter.Id id);

  /**
   * Removes the letter with this key.
   *
   * @param id the subscription name and event position
   * @return whether there was one
   */
  boolean removeDeadLetter(DeadLetter.Id id);

  /**
   * Removes the letters {@code filter} accepts.
   *
   * @param filter which letters to remove
   * @return how many were removed
   */
  long purgeDeadLetters(DeadLetterFilter filter);
}
