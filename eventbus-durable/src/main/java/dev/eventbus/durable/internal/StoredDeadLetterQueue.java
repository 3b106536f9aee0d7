package dev.eventbus.durable.internal;

import dev.eventbus.api.DeadLetter;
import dev.eventbus.api.DeadLetterFilter;
import dev.eventbus.api.DeadLetterQueue;
import dev.eventbus.api.HandlerFailure;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.spi.StoredEvent;
import dev.eventbus.core.journal.Journal;
import dev.eventbus.core.spi.DeliveryOutcome;
import dev.eventbus.durable.DurableStorage;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The {@link DeadLetterQueue} of a durable bus: the letters are those its store keeps (and those it
 * could not store, kept in memory); the failures of this run ({@link #list()} and the other
 * in-memory operations) are the bus's in-memory queue. A replay reads the event back through the
 * storage's {@link dev.eventbus.durable.EventReader}, so an old version is upcast, and delivers it
 * to the letter's subscription only. The final failures of subscriptions whose deliveries the store
 * does not track (SYNC ones, over before {@code publish} returns) are kept in memory only: {@link
 * #replayAll()} replays them too. Thread-safe.
 */
final class StoredDeadLetterQueue implements DeadLetterQueue {

  private final DurableStorage storage;
  private final DeadLetterRecorder recorder;
  private final DeadLetterQueue inMemory;
  private final Journal.Replay replay;
  private final Predicate<ProcessingMode> tracked;

  StoredDeadLetterQueue(
      DurableStorage storage,
      DeadLetterRecorder recorder,
      DeadLetterQueue inMemory,
      Journal.Replay replay,
      Predicate<ProcessingMode> tracked) {
    this.storage = storage;
    this.recorder = recorder;
    this.inMemory = inMemory;
    this.replay = replay;
    this.tracked = tracked;
  }

  @Override
  public int size() {
    return inMemory.size();
  }

  @Override
  public List<HandlerFailure> list() {
    return inMemory.list();
  }

  @Override
  public long evicted() {
    return inMemory.evicted();
  }

  @Override
  public ReplayReport replay(Predicate<? super HandlerFailure> which) {
    return inMemory.replay(which);
  }

  /**
   * Replays every stored letter, then the failures kept in memory of subscriptions the store does
   * not track, which no stored letter holds: without them, a SYNC subscription's failure would be
   * listed by {@link #list()} and never replayed.
   */
  @Override
  public ReplayReport replayAll() {
    ReplayReport stored = replay(DeadLetterFilter.all());
    ReplayReport untracked = inMemory.replay(failure -> !tracked.test(failure.mode()));
    return new ReplayReport(
        stored.redelivered() + untracked.redelivered(),
        stored.failedAgain() + untracked.failedAgain(),
        stored.subscriptionGone() + untracked.subscriptionGone(),
        stored.unreadable() + untracked.unreadable());
  }

  @Override
  public void clear() {
    inMemory.clear();
  }

  @Override
  public List<DeadLetter> letters(DeadLetterFilter filter) {
    Objects.requireNonNull(filter, "filter");
    return recorder.letters(filter);
  }

  @Override
  public ReplayReport replay(DeadLetter.Id id) {
    Objects.requireNonNull(id, "id");
    DeadLetter letter = recorder.find(id).orElseThrow(() -> unknown(id));
    return replay(List.of(letter));
  }

  @Override
  public ReplayReport replay(DeadLetterFilter filter) {
    Objects.requireNonNull(filter, "filter");
    return replay(recorder.letters(filter));
  }

  private ReplayReport replay(List<DeadLetter> letters) {
    int redelivered = 0;
    int failedAgain = 0;
    int gone = 0;
    int unreadable = 0;
    for (DeadLetter letter : letters) {
      long position = letter.id().position();
      Optional<StoredEvent> record = storage.store().read(position);
      Optional<Object> event = record.flatMap(storage.reader()::read);
      if (record.isEmpty() || event.isEmpty()) {
        unreadable++; // quarantined: listed by quarantined(), with the reason; the letter stays
        continue;
      }
      DeliveryOutcome outcome = replay.deliver(letter.id().subscriptionName(), event.get());
      if (outcome == null) {
        gone++;
      } else if (outcome instanceof DeliveryOutcome.Failed failed) {
        recorder.record(position, record.get().eventType(), failed.failure());
        failedAgain++;
      } else {
        recorder.remove(letter.id());
        redelivered++;
      }
    }
    return new ReplayReport(redelivered, failedAgain, gone, unreadable);
  }

  @Override
  public void purge(DeadLetter.Id id) {
    Objects.requireNonNull(id, "id");
    if (!recorder.remove(id)) {
      throw unknown(id);
    }
  }

  @Override
  public long purge(DeadLetterFilter filter) {
    Objects.requireNonNull(filter, "filter");
    return recorder.purge(filter);
  }

  @Override
  public long notStored() {
    return recorder.notStored();
  }

  @Override
  public List<Quarantined> quarantined() {
    return storage.store().quarantined().stream()
        .map(
            record ->
                new Quarantined(
                    record.position(),
                    record.eventType(),
                    record.version(),
                    record.reason(),
                    record.quarantinedAt()))
        .toList();
  }

  private static IllegalArgumentException unknown(DeadLetter.Id id) {
    return new IllegalArgumentException("no dead letter " + id + " in the store");
  }
}
