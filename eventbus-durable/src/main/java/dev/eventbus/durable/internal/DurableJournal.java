package dev.eventbus.durable.internal;

import dev.eventbus.api.DeadLetterQueue;
import dev.eventbus.api.DomainEvent;
import dev.eventbus.api.EventBusOverloadedException;
import dev.eventbus.api.EventTooLargeException;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.StorageConfig;
import dev.eventbus.api.spi.ContextPropagator;
import dev.eventbus.api.spi.DurableEventStore;
import dev.eventbus.api.spi.DurableEventStore.DeliveryCompletion;
import dev.eventbus.api.spi.DurableEventStore.Outcome;
import dev.eventbus.api.spi.DurableEventStore.PendingDelivery;
import dev.eventbus.api.spi.EventCodec;
import dev.eventbus.api.spi.NewEvent;
import dev.eventbus.api.spi.StoredEvent;
import dev.eventbus.core.journal.Journal;
import dev.eventbus.core.spi.DeliveryCallback;
import dev.eventbus.core.spi.Subscriber;
import dev.eventbus.durable.DurableStorage;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Journal} of one durable bus. Every published event is encoded and appended (group
 * commit) before it is dispatched, together with one pending delivery per asynchronous subscription
 * it matches; completions are recorded as deliveries end; a subscription that registers finds its
 * pending deliveries redelivered first, in position order. Synchronous deliveries run before {@code
 * publish} returns and are not tracked. Thread-safe.
 */
public final class DurableJournal implements Journal {

  private static final long FULL_QUEUE_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final int POINT_READS_BELOW = 256;
  private static final long SPARSE_FACTOR = 16;
  private static final int TAKE_OVER_BATCH = 1_000;
  private static final System.Logger LOG = System.getLogger(DurableJournal.class.getName());

  private final DurableStorage storage;
  private final DurableEventStore store;
  private final EventCodec codec;
  private final Clock clock;
  private final int maxEventSize;
  private final AppendQueue appends;
  private final CompletionQueue completions;
  private final DeadLetterRecorder deadLetters;
  private final LongAdder redelivered = new LongAdder();
  private final LongAdder takenOver = new LongAdder();
  private final Map<String, Recovered> recovered = new ConcurrentHashMap<>();
  private final @Nullable LeaseKeeper leaseKeeper;
  private final @Nullable ContextPropagator contextPropagator;

  /** A tracked subscriber that was recovered: how to redeliver to it what is taken over. */
  private record Recovered(Subscriber subscriber, DeliveryCallback next, Redelivery redelivery) {}

  /**
   * What opens the journal of a bus built with {@code storage}.
   *
   * @param storage the store, codec and upcasters the journal uses
   * @return an opener that makes a journal over {@code storage} from the bus's config and clock
   * @throws NullPointerException if {@code storage} is null
   */
  public static Journal.Opener opener(DurableStorage storage) {
    Objects.requireNonNull(storage, "storage");
    return (config, clock) -> new DurableJournal(storage, config, clock, null);
  }

  /**
   * What opens the journal of a bus built with {@code storage} that carries publishers' contexts:
   * each event is stored with its publisher's trace as the headers {@value
   * ContextPropagator#TRACEPARENT} and {@value ContextPropagator#TRACESTATE}, and a redelivery
   * (after a restart, or taken over from another instance) runs in that trace.
   *
   * @param storage the bus's storage
   * @param contextPropagator what captures and restores the publisher's context, or {@code null}
   *     for none
   * @return the opener the engine calls when the bus starts
   */
  public static Journal.Opener opener(
      DurableStorage storage, @Nullable ContextPropagator contextPropagator) {
    Objects.requireNonNull(storage, "storage");
    return (config, clock) -> new DurableJournal(storage, config, clock, contextPropagator);
  }

  /**
   * Starts the append and completion writers.
   *
   * @param storage store, codec and upcasters
   * @param config batch size, completion flush interval, retention, largest event
   * @param clock stamps events and completions
   * @param contextPropagator writes the publisher's trace into each event's headers and restores it
   *     around redeliveries, or {@code null}
   */
  private DurableJournal(
      DurableStorage storage,
      StorageConfig config,
      Clock clock,
      @Nullable ContextPropagator contextPropagator) {
    this.contextPropagator = contextPropagator;
    this.storage = Objects.requireNonNull(storage, "storage");
    this.store = storage.store();
    this.codec = storage.codec();
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxEventSize = config.maxEventSize();
    this.appends = new AppendQueue(store, config.appendBatchSize());
    this.completions =
        new CompletionQueue(store, clock, config.flushInterval(), config.retention());
    this.deadLetters = new DeadLetterRecorder(store);
    Duration renewal = store.leaseRenewalInterval();
    this.leaseKeeper =
        renewal.isZero() ? null : new LeaseKeeper(store::renewLease, renewal, this::takeOver);
    LOG.log(
        System.Logger.Level.INFO,
        "event store opened: {0}, {1}",
        store,
        renewal.isZero()
            ? "no instance lease"
            : "instance lease renewed every " + renewal.toMillis() + " ms");
  }

  /** Over the store's dead letters; {@code inMemory} keeps this run's failures. */
  @Override
  public DeadLetterQueue deadLetters(DeadLetterQueue inMemory, Replay replay) {
    return new StoredDeadLetterQueue(storage, deadLetters, inMemory, replay, this::tracks);
  }

  /** Tracks every mode but SYNC, whose deliveries end before {@code publish} returns. */
  @Override
  public boolean tracks(ProcessingMode mode) {
    return mode != ProcessingMode.SYNC;
  }

  /**
   * A tracked subscription needs a stable name (given in its options, or its handler's own) that no
   * other active tracked subscription has.
   */
  @Override
  public void checkSubscriber(Subscriber subscriber, Iterable<? extends Subscriber> active) {
    if (!tracks(subscriber.mode())) {
      return;
    }
    String name = subscriber.name();
    if (name.contains("$$Lambda") || name.contains("$Lambda$") || name.contains("/0x")) {
      throw new IllegalArgumentException(
          "a durable bus redelivers "
              + subscriber.mode()
              + " subscriptions after a restart and finds them by name, but '"
              + name
              + "' is derived for a lambda, which every lambda of that class on that type shares, and"
              + " which changes when the code moves: give the subscription a"
              + " name with SubscriptionOptions.name(...)");
    }
    for (Subscriber other : active) {
      if (other.isActive() && tracks(other.mode()) && other.name().equals(name)) {
        throw new IllegalArgumentException(
            "a durable bus finds subscriptions by name after a restart, and '"
                + name
                + "' is taken by "
                + other.id()
                + ": give this subscription another name with SubscriptionOptions.name(...)");
      }
    }
  }

  /**
   * Stores {@code event}, with a pending delivery for each tracked subscriber among {@code
   * subscribers}, before anyone sees it (as {@link Journal#append} says; written out, because
   * {@code Journal}'s package is exported to this module only and javadoc on JDK 21+ does not
   * inherit from it).
   *
   * @param next the publish's own callback, told every pending delivery's end
   * @throws IllegalArgumentException if the codec does not know the event
   * @throws EventTooLargeException if the encoded event is larger than the configured maximum, in
   *     which case nothing is handed to the store
   */
  @Override
  public Journal.Entry append(Object event, Subscriber[] subscribers, DeliveryCallback next) {
    Set<String> tracked = trackedNames(subscribers);
    StoredEvent stored = appends.append(List.of(record(event, tracked))).get(0);
    return new TrackedPublish(stored, tracked, next, completions, clock, deadLetters);
  }

  /**
   * Stores {@code event} as {@link #append} does, but in the caller's transaction on {@code
   * connection}: stored if and when the caller commits (as {@link Journal#appendInTransaction}
   * says; written out for the reason given at {@link #append}).
   *
   * @param next the publish's own callback, told every pending delivery's end
   * @throws IllegalArgumentException if the codec does not know the event
   * @throws EventTooLargeException if the encoded event is larger than the configured maximum
   * @throws IllegalStateException if the store cannot join the caller's transaction, or the
   *     connection is in auto-commit mode
   */
  @Override
  public Journal.Entry appendInTransaction(
      Connection connection, Object event, Subscriber[] subscribers, DeliveryCallback next) {
    Objects.requireNonNull(connection, "connection");
    Set<String> tracked = trackedNames(subscribers);
    NewEvent record = record(event, tracked);
    StoredEvent stored;
    try {
      stored = store.appendInTransaction(connection, List.of(record)).get(0);
    } catch (UnsupportedOperationException e) {
      throw new IllegalStateException(
          "publishing in a transaction needs a store that can write through the caller's"
              + " connection, and "
              + store.getClass().getName()
              + " cannot (the JDBC store can)",
          e);
    }
    return new TrackedPublish(stored, tracked, next, completions, clock, deadLetters);
  }

  @Override
  public void dispatchCommitted(
      Object event, Subscriber subscriber, Journal.Entry entry, Redelivery redelivery) {
    dispatchWaiting(event, subscriber, entry, redelivery);
  }

  /** The names of the active subscribers among {@code subscribers} whose deliveries are tracked. */
  private Set<String> trackedNames(Subscriber[] subscribers) {
    Set<String> tracked = new LinkedHashSet<>();
    for (Subscriber subscriber : subscribers) {
      if (subscriber.isActive() && tracks(subscriber.mode())) {
        tracked.add(subscriber.name());
      }
    }
    return tracked;
  }

  /**
   * The record of {@code event} with a pending delivery per name in {@code tracked}.
   *
   * @throws EventTooLargeException if the encoded event is larger than the configured maximum
   */
  private NewEvent record(Object event, Set<String> tracked) {
    EventCodec.EncodedEvent encoded = codec.encode(event);
    Map<String, String> headers = traceHeaders();
    long size = EncodedSize.of(encoded.data()) + EncodedSize.of(headers);
    if (size > maxEventSize) {
      throw new EventTooLargeException(encoded.eventType(), size, maxEventSize);
    }
    return new NewEvent(
        UUID.randomUUID(),
        encoded.eventType(),
        encoded.version(),
        clock.instant(),
        DomainEvent.partitionKeyOf(event),
        headers,
        encoded.data(),
        List.copyOf(tracked));
  }

  /** The publisher's trace as W3C headers, or none without a propagator or a trace. */
  private Map<String, String> traceHeaders() {
    ContextPropagator propagator = contextPropagator;
    if (propagator == null) {
      return Map.of();
    }
    Object captured = propagator.capture();
    if (captured == null) {
      return Map.of();
    }
    Map<String, String> headers = new HashMap<>(2);
    propagator.inject(captured, headers::put);
    return headers;
  }

  /**
   * Redelivers the pending deliveries of a subscriber, in position order, before it sees anything
   * new. Records that cannot be read are quarantined and their deliveries completed as such. When
   * the subscriber's queue is full, waits for room rather than skip ahead, so this returns once
   * every pending delivery is queued (or the subscription was closed meanwhile).
   */
  @Override
  public void recover(Subscriber subscriber, DeliveryCallback next, Redelivery redelivery) {
    if (!tracks(subscriber.mode())) {
      return;
    }
    recovered.put(subscriber.name(), new Recovered(subscriber, next, redelivery));
    List<Long> positions;
    try (Stream<PendingDelivery> pending = store.pendingDeliveries(subscriber.name())) {
      positions = pending.map(PendingDelivery::position).toList();
    }
    Set<String> tracked = Set.of(subscriber.name());
    long[] count = {0, 0};
    Predicate<StoredEvent> redeliver =
        record -> {
          Redelivered result = redeliver(subscriber, record, tracked, next, redelivery);
          if (result == Redelivered.DISPATCHED) {
            count[0]++;
          } else if (result == Redelivered.QUARANTINED) {
            count[1]++;
          }
          return result != Redelivered.SUBSCRIPTION_CLOSED;
        };
    if (positions.isEmpty()) {
      return;
    }
    long first = positions.get(0);
    long span = positions.get(positions.size() - 1) - first + 1;
    if (positions.size() < POINT_READS_BELOW || span > SPARSE_FACTOR * positions.size()) {
      for (long position : positions) {
        Optional<StoredEvent> record = store.read(position);
        if (record.isPresent() && !redeliver.test(record.get())) {
          break;
        }
      }
    } else {
      // Dense backlog (the usual case after a crash): one sequential read from the first pending
      // position, taking the pending ones, instead of a query per event.
      int pendingIndex = 0;
      try (Stream<StoredEvent> records = store.readFrom(first)) {
        for (StoredEvent record : (Iterable<StoredEvent>) records::iterator) {
          while (pendingIndex < positions.size()
              && positions.get(pendingIndex) < record.position()) {
            pendingIndex++; // quarantined since the list was read
          }
          if (pendingIndex == positions.size()) {
            break;
          }
          if (positions.get(pendingIndex) == record.position()) {
            pendingIndex++;
            if (!redeliver.test(record)) {
              break;
            }
          }
        }
      }
    }
    redelivered.add(count[0]);
    LOG.log(
        System.Logger.Level.INFO,
        "recovered subscription ''{0}'': {1} pending deliveries redelivered, {2} unreadable events"
            + " quarantined",
        subscriber.name(),
        String.valueOf(count[0]), // no digit grouping
        String.valueOf(count[1]));
  }

  private enum Redelivered {
    DISPATCHED,
    QUARANTINED,
    SUBSCRIPTION_CLOSED
  }

  /** Redelivers one record, waiting for room in a full queue. */
  @SuppressWarnings("try") // the context's scope is only closed
  private Redelivered redeliver(
      Subscriber subscriber,
      StoredEvent record,
      Set<String> tracked,
      DeliveryCallback next,
      Redelivery redelivery) {
    long position = record.position();
    Optional<Object> event = storage.reader().read(record);
    if (event.isEmpty()) {
      completions.record(
          new DeliveryCompletion(
              position, subscriber.name(), Outcome.QUARANTINED, clock.instant()));
      return Redelivered.QUARANTINED;
    }
    TrackedPublish again =
        new TrackedPublish(record, tracked, next, completions, clock, deadLetters);
    Object stored = storedContext(record);
    boolean dispatched;
    if (stored == null) {
      dispatched = dispatchWaiting(event.get(), subscriber, again, redelivery);
    } else {
      // Made current while the delivery is dispatched: the processor captures it from here.
      try (ContextPropagator.Scope restored =
          Objects.requireNonNull(contextPropagator).restore(stored)) {
        dispatched = dispatchWaiting(event.get(), subscriber, again, redelivery);
      }
    }
    return dispatched ? Redelivered.DISPATCHED : Redelivered.SUBSCRIPTION_CLOSED;
  }

  /** The publisher's context stored with {@code record}, or {@code null}. */
  private @Nullable Object storedContext(StoredEvent record) {
    ContextPropagator propagator = contextPropagator;
    if (propagator == null || !record.headers().containsKey(ContextPropagator.TRACEPARENT)) {
      return null;
    }
    return propagator.extract(record.headers());
  }

  /**
   * Dispatches a tracked delivery, waiting for room in a full queue: a delivery the store holds as
   * pending must not skip ahead of an older one, nor be refused.
   *
   * @return whether it was dispatched; {@code false} if the subscription closed meanwhile
   */
  private static boolean dispatchWaiting(
      Object event, Subscriber subscriber, Journal.Entry entry, Redelivery redelivery) {
    while (true) {
      try {
        redelivery.dispatch(event, subscriber, entry);
        return true;
      } catch (EventBusOverloadedException full) {
        // The subscriber's queue is full (BLOCK timed out, or FAIL): wait for room and try the
        // same event again.
        if (!subscriber.isActive()) {
          return false;
        }
        LockSupport.parkNanos(FULL_QUEUE_BACKOFF_NANOS);
      }
    }
  }

  /**
   * Takes over, for each recovered subscriber still active, the deliveries of instances whose lease
   * ran out, and redelivers them in position order. Run by the lease keeper after each renewal.
   */
  private void takeOver() {
    for (Recovered registration : recovered.values()) {
      Subscriber subscriber = registration.subscriber();
      if (!subscriber.isActive()) {
        recovered.remove(subscriber.name(), registration);
        continue;
      }
      Set<String> tracked = Set.of(subscriber.name());
      List<PendingDelivery> claimed;
      long claimedInAll = 0;
      do {
        claimed = store.takeOverDeliveries(subscriber.name(), TAKE_OVER_BATCH);
        for (PendingDelivery delivery : claimed) {
          Optional<StoredEvent> record = store.read(delivery.position());
          if (record.isEmpty()) {
            continue; // quarantined meanwhile
          }
          Redelivered result =
              redeliver(
                  subscriber,
                  record.get(),
                  tracked,
                  registration.next(),
                  registration.redelivery());
          if (result == Redelivered.SUBSCRIPTION_CLOSED) {
            logTakenOver(subscriber, claimedInAll + claimed.size());
            return;
          }
          if (result == Redelivered.DISPATCHED) {
            takenOver.increment();
            redelivered.increment();
          }
        }
        claimedInAll += claimed.size();
      } while (claimed.size() == TAKE_OVER_BATCH);
      logTakenOver(subscriber, claimedInAll);
    }
  }

  /** One log line per takeover, however many batches it took. */
  private static void logTakenOver(Subscriber subscriber, long claimed) {
    if (claimed > 0) {
      LOG.log(
          System.Logger.Level.WARNING,
          "took over {0} pending deliveries of subscription ''{1}'' from an instance whose lease"
              + " ran out",
          String.valueOf(claimed), // no digit grouping
          subscriber.name());
    }
  }

  /**
   * {@return the number of deliveries taken over from instances whose lease ran out, since the
   * journal opened}
   */
  public long takenOver() {
    return takenOver.sum();
  }

  @Override
  public long redelivered() {
    return redelivered.sum();
  }

  /**
   * {@return the number of completions the store could not record (those deliveries will be made
   * again)}
   */
  public long completionsLost() {
    return completions.lost();
  }

  /** Writes the remaining completions (until the deadline) and stops the writers. */
  @Override
  public void stop(long deadlineNanos) {
    if (leaseKeeper != null) {
      leaseKeeper.close();
    }
    completions.close(deadlineNanos);
    appends.close(TimeUnit.NANOSECONDS.toMillis(Math.max(0, deadlineNanos - System.nanoTime())));
  }
}
