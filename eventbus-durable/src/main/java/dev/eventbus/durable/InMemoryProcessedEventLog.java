package dev.eventbus.durable;

import dev.eventbus.api.spi.ProcessedEventLog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link ProcessedEventLog} in memory that remembers exactly the last {@code capacity} ids marked
 * processed: marking one more forgets the one marked longest ago, whether or not it was looked up
 * since. It catches repeats within that window in one process, not across a restart; use a
 * store-backed log for that. Thread-safe.
 */
public final class InMemoryProcessedEventLog implements ProcessedEventLog {

  // A plain insertion-ordered map: the window must be exact (the last N marks), which a
  // frequency-based cache's admission policy does not promise.
  private final Map<Key, Boolean> processed;

  private InMemoryProcessedEventLog(long capacity) {
    this.processed =
        new LinkedHashMap<>() {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  /**
   * A log of at most {@code capacity} ids.
   *
   * @param capacity how many of the last marked ids are kept; one marked before them is forgotten
   *     (and its event runs again if redelivered)
   * @return an empty log
   * @throws IllegalArgumentException if {@code capacity} is below 1
   */
  public static InMemoryProcessedEventLog withCapacity(long capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    }
    return new InMemoryProcessedEventLog(capacity);
  }

  @Override
  public synchronized boolean markProcessed(String scope, String eventId) {
    return processed.putIfAbsent(new Key(scope, eventId), Boolean.TRUE) == null;
  }

  @Override
  public synchronized boolean isProcessed(String scope, String eventId) {
    return processed.containsKey(new Key(scope, eventId));
  }

  private record Key(String scope, String eventId) {
    Key {
      Objects.requireNonNull(scope, "scope");
      Objects.requireNonNull(eventId, "eventId");
    }
  }
}
