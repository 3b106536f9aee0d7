package dev.eventbus.durable;

import dev.eventbus.api.EventBusException;
import dev.eventbus.api.EventHandler;
import dev.eventbus.api.spi.EventStore;
import dev.eventbus.api.spi.Snapshot;
import dev.eventbus.api.spi.StoredEvent;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Rebuilds a projection from the store: reads events from a position (0 for all, or the position
 * after a snapshot) through an {@link EventReader} and hands each to a handler on the calling
 * thread. It reads the store only, so live delivery on the bus goes on undisturbed, and it sees the
 * events stored up to the moment each page is read. Unreadable records are quarantined and skipped.
 */
public final class EventReplayer {

  private final EventStore store;
  private final EventReader reader;

  /**
   * Creates a replayer.
   *
   * @param store the events
   * @param reader how records become events
   */
  public EventReplayer(EventStore store, EventReader reader) {
    this.store = Objects.requireNonNull(store, "store");
    this.reader = Objects.requireNonNull(reader, "reader");
  }

  /**
   * Hands every event from {@code fromPosition} to {@code handler}, in position order.
   *
   * @param fromPosition the first position replayed
   * @param handler receives each readable event, decoded and upcast
   * @return the number of events handled
   * @throws EventBusException if the handler throws; the message names the position, the cause is
   *     the handler's exception, and nothing after that position was handled
   */
  public long replay(long fromPosition, EventHandler<Object> handler) {
    Objects.requireNonNull(handler, "handler");
    return run(store.readFrom(fromPosition), handler);
  }

  /**
   * Like {@link #replay(long, EventHandler)}, for events of one stored type name only.
   *
   * @param fromPosition the first position replayed
   * @param eventType the stored type name replayed
   * @param handler receives each readable event of that type
   * @return the number of events handled
   */
  public long replay(long fromPosition, String eventType, EventHandler<Object> handler) {
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(handler, "handler");
    return run(store.readByType(eventType, fromPosition), handler);
  }

  /**
   * Like {@link #replay(long, EventHandler)}, for events that are instances of {@code type}.
   *
   * @param <E> the type of event replayed
   * @param fromPosition the first position replayed
   * @param type the class whose instances are handed on; other events are skipped
   * @param handler receives each readable event of that class
   * @return the number of readable events read, those skipped as not of {@code type} included
   */
  public <E> long replay(long fromPosition, Class<E> type, EventHandler<? super E> handler) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(handler, "handler");
    return run(
        store.readFrom(fromPosition),
        event -> {
          if (type.isInstance(event)) {
            handler.handle(type.cast(event));
          }
        });
  }

  /**
   * Replays what came after a snapshot: from {@code snapshot.position() + 1}.
   *
   * @param snapshot the snapshot the state was rebuilt from
   * @param handler receives each readable event after the snapshot's position
   * @return the number of events handled
   */
  public long replayAfter(Snapshot snapshot, EventHandler<Object> handler) {
    Objects.requireNonNull(snapshot, "snapshot");
    return replay(snapshot.position() + 1, handler);
  }

  private long run(Stream<StoredEvent> records, EventHandler<Object> handler) {
    long handled = 0;
    try (records) {
      for (StoredEvent record : (Iterable<StoredEvent>) records::iterator) {
        Optional<Object> event = reader.read(record);
        if (event.isEmpty()) {
          continue;
        }
        try {
          handler.handle(event.get());
        } catch (Exception e) {
          throw new EventBusException(
              "replay stopped at position " + record.position() + ": the handler threw " + e, e);
        }
        handled++;
      }
    }
    return handled;
  }
}
