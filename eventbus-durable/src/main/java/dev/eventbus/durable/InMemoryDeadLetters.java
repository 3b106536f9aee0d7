package dev.eventbus.durable;

import dev.eventbus.api.DeadLetter;
import dev.eventbus.api.DeadLetterFilter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The dead letters of an {@link InMemoryEventStore}, shared by the stores reopened from it: a map
 * by key in position, then subscription order. Thread-safe.
 */
final class InMemoryDeadLetters {

  private static final Comparator<DeadLetter.Id> ORDER =
      Comparator.comparingLong(DeadLetter.Id::position)
          .thenComparing(DeadLetter.Id::subscriptionName);

  private final TreeMap<DeadLetter.Id, DeadLetter> letters = new TreeMap<>(ORDER);

  synchronized void record(DeadLetter letter) {
    letters.merge(letter.id(), letter, DeadLetter::failedAgain);
  }

  synchronized List<DeadLetter> select(DeadLetterFilter filter) {
    return letters.values().stream().filter(filter::matches).toList();
  }

  synchronized Optional<DeadLetter> find(DeadLetter.Id id) {
    return Optional.ofNullable(letters.get(id));
  }

  synchronized boolean remove(DeadLetter.Id id) {
    return letters.remove(id) != null;
  }

  synchronized long purge(DeadLetterFilter filter) {
    long before = letters.size();
    letters.values().removeIf(filter::matches);
    return before - letters.size();
  }
}
