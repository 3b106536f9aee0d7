package dev.eventbus.durable;

import dev.eventbus.api.spi.Snapshot;
import dev.eventbus.api.spi.SnapshotStore;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link SnapshotStore} in memory, for tests and for projections that are rebuilt on every start.
 * Thread-safe. States are copied as a JSON round trip would leave them.
 */
public final class InMemorySnapshotStore implements SnapshotStore {

  private final Map<String, Snapshot> snapshots;
  private volatile boolean closed;

  private InMemorySnapshotStore(Map<String, Snapshot> snapshots) {
    this.snapshots = snapshots;
  }

  /** {@return a new, empty store} */
  public static InMemorySnapshotStore create() {
    return new InMemorySnapshotStore(new ConcurrentHashMap<>());
  }

  /** {@return a new store over this store's snapshots, as a restarted process would open them} */
  public InMemorySnapshotStore reopen() {
    return new InMemorySnapshotStore(snapshots);
  }

  @Override
  public boolean save(Snapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    checkOpen();
    Snapshot copy =
        new Snapshot(
            snapshot.key(),
            snapshot.stateType(),
            snapshot.version(),
            snapshot.position(),
            JsonTrees.copy(snapshot.state()));
    Snapshot kept =
        snapshots.merge(
            snapshot.key(), copy, (old, fresh) -> fresh.position() >= old.position() ? fresh : old);
    return kept == copy;
  }

  @Override
  public Optional<Snapshot> load(String key) {
    Objects.requireNonNull(key, "key");
    checkOpen();
    return Optional.ofNullable(snapshots.get(key));
  }

  @Override
  public void close() {
    closed = true;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the snapshot store is closed");
    }
  }
}
