package dev.eventbus.durable;

import dev.eventbus.api.spi.EventCodec;
import dev.eventbus.api.spi.EventStore;
import dev.eventbus.api.spi.Snapshot;
import dev.eventbus.api.spi.StoredEvent;
import dev.eventbus.api.spi.UnreadableEventException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reads stored records back as the application knows them: upcasts each to the codec's current
 * version of its type, then decodes it. Every read path (replay, redelivery after a restart) goes
 * through here. A record that cannot be read (unknown type, a version without upcasters, data that
 * does not fit) is quarantined in the store with the reason, never dropped and never retried
 * forever. Thread-safe.
 */
public final class EventReader {

  private final EventStore store;
  private final EventCodec codec;
  private final UpcasterChain upcasters;
  private final LongAdder quarantined = new LongAdder();

  /**
   * Creates a reader.
   *
   * @param store where unreadable records are quarantined
   * @param codec decodes records in their current version
   * @param upcasters brings old versions to the current one
   */
  public EventReader(EventStore store, EventCodec codec, UpcasterChain upcasters) {
    this.store = Objects.requireNonNull(store, "store");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.upcasters = Objects.requireNonNull(upcasters, "upcasters");
  }

  /**
   * The event a record holds, or empty after quarantining the record.
   *
   * @param record a stored record
   * @return the decoded event at its current version, or empty if the record was quarantined
   * @throws dev.eventbus.api.spi.EventStoreException if the record cannot be quarantined either
   */
  public Optional<Object> read(StoredEvent record) {
    Objects.requireNonNull(record, "record");
    try {
      return Optional.of(decode(record));
    } catch (UnreadableEventException unreadable) {
      store.quarantine(record.position(), unreadable.getMessage());
      quarantined.increment();
      return Optional.empty();
    }
  }

  /**
   * The event a record holds.
   *
   * @param record a stored record
   * @return the decoded event at its current version
   * @throws UnreadableEventException if it cannot be read; nothing is quarantined
   */
  public Object decode(StoredEvent record) {
    OptionalInt current = codec.currentVersion(record.eventType());
    if (current.isEmpty()) {
      throw new UnreadableEventException(
          record.eventType(),
          record.version(),
          "unknown event type "
              + record.eventType()
              + " (version "
              + record.version()
              + ") at position "
              + record.position(),
          null);
    }
    StoredEvent upcast = upcasters.upcast(record, current.getAsInt());
    return codec.decode(upcast.eventType(), upcast.version(), upcast.data());
  }

  /**
   * A snapshot's state brought to {@code currentVersion} by the upcasters registered for its state
   * type: the same chain as events, keyed by {@link Snapshot#stateType()}.
   *
   * @param snapshot a stored snapshot
   * @param currentVersion the version of its state type the application reads
   * @return the snapshot at {@code currentVersion}: itself if it is there already
   * @throws UnreadableEventException if it cannot get there
   */
  public Snapshot upcast(Snapshot snapshot, int currentVersion) {
    Objects.requireNonNull(snapshot, "snapshot");
    if (snapshot.version() == currentVersion) {
      return snapshot;
    }
    return new Snapshot(
        snapshot.key(),
        snapshot.stateType(),
        currentVersion,
        snapshot.position(),
        upcasters.upcast(
            snapshot.stateType(),
            snapshot.version(),
            snapshot.state(),
            currentVersion,
            "the snapshot " + snapshot.key()));
  }

  /** {@return how many records this reader has quarantined} */
  public long quarantinedCount() {
    return quarantined.sum();
  }
}
