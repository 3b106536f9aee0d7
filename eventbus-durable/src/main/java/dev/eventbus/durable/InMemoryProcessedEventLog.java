package dev.eventbus.durable;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.eventbus.api.spi.ProcessedEventLog;
import java.util.Objects;

/**
 * A {@link ProcessedEventLog} in memory that remembers at most a given number of ids (the least
 * recently used go first): it catches repeats within one process, not across a restart; use a
 * store-backed log for that. Thread-safe.
 */
public final class InMemoryProcessedEventLog implements ProcessedEventLog {

  private final Cache<Key, Boolean> processed;

  private InMemoryProcessedEventLog(long capacity) {
    this.processed = Caffeine.newBuilder().maximumSize(capacity).build();
  }

  /**
   * A log of at most {@code capacity} ids.
   *
   * @param capacity the most ids kept; beyond it, some are evicted (and their events run again if
   *     redelivered)
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
  public boolean markProcessed(String scope, String eventId) {
    return processed.asMap().putIfAbsent(new Key(scope, eventId), Boolean.TRUE) == null;
  }

  @Override
  public boolean isProcessed(String scope, String eventId) {
    return processed.getIfPresent(new Key(scope, eventId)) != null;
  }

  private record Key(String scope, String eventId) {
    Key {
      Objects.requireNonNull(scope, "scope");
      Objects.requireNonNull(eventId, "eventId");
    }
  }
}
