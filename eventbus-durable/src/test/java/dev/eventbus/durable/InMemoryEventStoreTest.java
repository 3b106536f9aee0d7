package dev.eventbus.durable;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.spi.DurableEventStore;
import dev.eventbus.api.spi.NewEvent;
import dev.eventbus.testkit.store.DurableEventStoreContract;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InMemoryEventStoreTest extends DurableEventStoreContract {

  private final InMemoryEventStore storage = InMemoryEventStore.create();

  @Override
  protected DurableEventStore openDurableStore() {
    return storage.reopen();
  }

  @Test
  void aPayloadJsonCannotHoldIsRefusedWithItsPath() {
    NewEvent event =
        new NewEvent(
            UUID.randomUUID(),
            "t",
            1,
            Instant.EPOCH,
            null,
            Map.of(),
            Map.of("items", List.of(Map.of("when", Instant.EPOCH))));

    assertThatThrownBy(() -> store().append(List.of(event)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a JSON value at $.items[0].when: java.time.Instant");
  }
}
