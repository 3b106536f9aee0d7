package dev.eventbus.durable;

import dev.eventbus.api.spi.SnapshotStore;
import dev.eventbus.testkit.store.SnapshotStoreContract;

class InMemorySnapshotStoreTest extends SnapshotStoreContract {

  private final InMemorySnapshotStore storage = InMemorySnapshotStore.create();

  @Override
  protected SnapshotStore openStore() {
    return storage.reopen();
  }
}
