package dev.eventbus.api.spi;

import java.util.Optional;

/**
 * Keeps the latest {@link Snapshot} per key. Thread-safe; a save replaces the key's previous
 * snapshot only if its position is not lower.
 *
 * @since 0.1
 */
public interface SnapshotStore extends AutoCloseable {

  /**
   * Saves a snapshot.
   *
   * @param snapshot the snapshot, with its key and position
   * @return {@code true} if stored, {@code false} if a snapshot at a higher position was kept
   * @throws EventStoreException if it could not be stored
   */
  boolean save(Snapshot snapshot);

  /**
   * The latest snapshot of {@code key}, if any.
   *
   * @param key the snapshot's key
   * @return the snapshot with the highest position saved for that key, or empty
   */
  Optional<Snapshot> load(String key);

  /** Releases the store's resources; further calls throw {@link IllegalStateException}. */
  @Override
  void close();
}
