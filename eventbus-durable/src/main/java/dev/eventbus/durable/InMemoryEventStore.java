package dev.eventbus.durable;

import dev.eventbus.api.DeadLetter;
import dev.eventbus.api.DeadLetterFilter;
import dev.eventbus.api.spi.DurableEventStore;
import dev.eventbus.api.spi.EventStore;
import dev.eventbus.api.spi.NewEvent;
import dev.eventbus.api.spi.QuarantinedEvent;
import dev.eventbus.api.spi.StoredEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * An {@link EventStore} in memory, with delivery tracking ({@link DurableEventStore}): for tests,
 * and for buses that want the store's API (replay, positions) without durability. Everything is
 * lost with the process. Thread-safe; appends are serialised, reads see a consistent prefix of the
 * log.
 *
 * <p>Payloads are copied on append as a JSON round trip would leave them (see {@link EventStore});
 * a payload JSON cannot hold is refused with an {@link IllegalArgumentException} naming the path of
 * the bad value.
 */
public final class InMemoryEventStore implements DurableEventStore {

  private final Log log;
  private volatile boolean closed;

  private InMemoryEventStore(Log log) {
    this.log = log;
  }

  /** {@return a new, empty store that stamps quarantined records with the UTC system clock} */
  public static InMemoryEventStore create() {
    return create(Clock.systemUTC());
  }

  /**
   * A new, empty store that stamps quarantined records with {@code clock}.
   *
   * @param clock the clock quarantine times are read from
   * @return the store
   * @throws NullPointerException if {@code clock} is null
   */
  public static InMemoryEventStore create(Clock clock) {
    return new InMemoryEventStore(new Log(Objects.requireNonNull(clock, "clock")));
  }

  /**
   * A new store over this store's events, as a restarted process would open the same storage. Works
   * after {@link #close()}; closing either store does not affect the other.
   *
   * @return a new store sharing this store's events, deliveries and dead letters
   */
  public InMemoryEventStore reopen() {
    return new InMemoryEventStore(log);
  }

  @Override
  public List<StoredEvent> append(List<NewEvent> events) {
    Objects.requireNonNull(events, "events");
    List<NewEvent> copies = new ArrayList<>(events.size());
    for (NewEvent event : events) {
      Objects.requireNonNull(event, "event");
      copies.add(event.withData(JsonTrees.copy(event.data())));
    }
    checkOpen();
    return log.append(copies);
  }

  @Override
  public Optional<StoredEvent> read(long position) {
    checkOpen();
    return Optional.ofNullable(log.readable(position));
  }

  @Override
  public Stream<StoredEvent> readFrom(long fromPosition) {
    return select(fromPosition, event -> true);
  }

  @Override
  public Stream<StoredEvent> readByType(String eventType, long fromPosition) {
    Objects.requireNonNull(eventType, "eventType");
    return select(fromPosition, event -> event.eventType().equals(eventType));
  }

  @Override
  public Stream<StoredEvent> readByPartitionKey(String partitionKey, long fromPosition) {
    Objects.requireNonNull(partitionKey, "partitionKey");
    return select(fromPosition, event -> partitionKey.equals(event.partitionKey()));
  }

  @Override
  public long lastPosition() {
    checkOpen();
    return log.lastPosition();
  }

  @Override
  public void quarantine(long position, String reason) {
    Objects.requireNonNull(reason, "reason");
    checkOpen();
    log.quarantine(position, reason);
  }

  @Override
  public List<QuarantinedEvent> quarantined() {
    checkOpen();
    return log.quarantined();
  }

  @Override
  public Stream<PendingDelivery> pendingDeliveries(String subscriptionName) {
    Objects.requireNonNull(subscriptionName, "subscriptionName");
    checkOpen();
    return log.pending(subscriptionName).stream();
  }

  @Override
  public void completeDeliveries(List<DeliveryCompletion> completions) {
    Objects.requireNonNull(completions, "completions");
    completions.forEach(c -> Objects.requireNonNull(c, "completion"));
    checkOpen();
    log.complete(completions);
  }

  @Override
  public long pruneCompletedDeliveries(Instant completedBefore) {
    Objects.requireNonNull(completedBefore, "completedBefore");
    checkOpen();
    return log.prune(completedBefore);
  }

  @Override
  public void recordDeadLetter(DeadLetter letter) {
    Objects.requireNonNull(letter, "letter");
    checkOpen();
    log.deadLetters.record(letter);
  }

  @Override
  public List<DeadLetter> deadLetters(DeadLetterFilter filter) {
    Objects.requireNonNull(filter, "filter");
    checkOpen();
    return log.deadLetters.select(filter);
  }

  @Override
  public Optional<DeadLetter> deadLetter(DeadLetter.Id id) {
    Objects.requireNonNull(id, "id");
    checkOpen();
    return log.deadLetters.find(id);
  }

  @Override
  public boolean removeDeadLetter(DeadLetter.Id id) {
    Objects.requireNonNull(id, "id");
    checkOpen();
    return log.deadLetters.remove(id);
  }

  @Override
  public long purgeDeadLetters(DeadLetterFilter filter) {
    Objects.requireNonNull(filter, "filter");
    checkOpen();
    return log.deadLetters.purge(filter);
  }

  @Override
  public void close() {
    closed = true;
  }

  private Stream<StoredEvent> select(long fromPosition, Predicate<StoredEvent> filter) {
    checkOpen();
    long last = log.lastPosition();
    long from = Math.max(1, fromPosition);
    // A snapshot of the range as it is now: later appends are not seen by this stream.
    return Stream.iterate(from, p -> p <= last, p -> p + 1)
        .flatMap(p -> Optional.ofNullable(log.readable(p)).stream())
        .filter(filter);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the event store is closed");
    }
  }

  /** The storage shared by a store and the stores reopened from it. */
  private static final class Log {
    private final Clock clock;
    private final InMemoryDeadLetters deadLetters = new InMemoryDeadLetters();
    private final List<StoredEvent> events = new ArrayList<>();
    private final List<@Nullable QuarantinedEvent> quarantine = new ArrayList<>();

    /** Per subscription: position to completion, or null while pending. */
    private final Map<String, TreeMap<Long, @Nullable DeliveryCompletion>> deliveries =
        new HashMap<>();

    Log(Clock clock) {
      this.clock = clock;
    }

    synchronized List<StoredEvent> append(List<NewEvent> batch) {
      List<StoredEvent> stored = new ArrayList<>(batch.size());
      for (NewEvent event : batch) {
        StoredEvent next = event.at(events.size() + 1L);
        events.add(next);
        for (String subscription : event.deliveries()) {
          deliveries.computeIfAbsent(subscription, k -> new TreeMap<>()).put(next.position(), null);
        }
        quarantine.add(null);
        stored.add(next);
      }
      return stored;
    }

    synchronized @Nullable StoredEvent readable(long position) {
      if (position < 1 || position > events.size()) {
        return null;
      }
      int index = (int) (position - 1);
      return quarantine.get(index) == null ? events.get(index) : null;
    }

    synchronized long lastPosition() {
      return events.size();
    }

    synchronized void quarantine(long position, String reason) {
      if (position < 1 || position > events.size()) {
        throw new IllegalArgumentException("no event at position " + position);
      }
      int index = (int) (position - 1);
      if (quarantine.get(index) == null) {
        StoredEvent event = events.get(index);
        quarantine.set(
            index,
            new QuarantinedEvent(
                position,
                event.eventType(),
                event.version(),
                reason,
                clock.instant(),
                String.valueOf(event.data())));
      }
    }

    synchronized List<PendingDelivery> pending(String subscription) {
      List<PendingDelivery> pending = new ArrayList<>();
      TreeMap<Long, @Nullable DeliveryCompletion> mine = deliveries.get(subscription);
      if (mine != null) {
        for (Map.Entry<Long, @Nullable DeliveryCompletion> entry : mine.entrySet()) {
          long position = entry.getKey();
          if (entry.getValue() == null && quarantine.get((int) (position - 1)) == null) {
            pending.add(new PendingDelivery(position, subscription));
          }
        }
      }
      return pending;
    }

    synchronized void complete(List<DeliveryCompletion> completions) {
      for (DeliveryCompletion completion : completions) {
        TreeMap<Long, @Nullable DeliveryCompletion> mine =
            deliveries.get(completion.subscriptionName());
        if (mine != null
            && mine.containsKey(completion.position())
            && mine.get(completion.position()) == null) {
          mine.put(completion.position(), completion);
        }
      }
    }

    synchronized long prune(Instant completedBefore) {
      long removed = 0;
      for (TreeMap<Long, @Nullable DeliveryCompletion> mine : deliveries.values()) {
        var entries = mine.entrySet().iterator();
        while (entries.hasNext()) {
          DeliveryCompletion completion = entries.next().getValue();
          if (completion != null && completion.completedAt().isBefore(completedBefore)) {
            entries.remove();
            removed++;
          }
        }
      }
      return removed;
    }

    synchronized List<QuarantinedEvent> quarantined() {
      List<QuarantinedEvent> all = new ArrayList<>();
      for (QuarantinedEvent q : quarantine) {
        if (q != null) {
          all.add(q);
        }
      }
      return List.copyOf(all);
    }
  }

  /** Names the store in logs ({@code InMemoryEventStore}): it has no location. */
  @Override
  public String toString() {
    return "InMemoryEventStore";
  }
}
