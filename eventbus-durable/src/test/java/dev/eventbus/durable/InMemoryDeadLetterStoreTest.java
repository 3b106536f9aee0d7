package dev.eventbus.durable;

import dev.eventbus.api.spi.DurableEventStore;
import dev.eventbus.testkit.store.DeadLetterStoreContract;

/** The dead-letter contract on the in-memory store, reopened as a restarted process would. */
class InMemoryDeadLetterStoreTest extends DeadLetterStoreContract {

  private final InMemoryEventStore storage = InMemoryEventStore.create();

  @Override
  protected DurableEventStore openStore() {
    return storage.reopen();
  }
}
