package dev.eventbus.processors.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.EventTooLargeException;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.StorageConfig;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.durable.InMemoryEventStore;
import dev.eventbus.processors.EventBusFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The largest event a durable bus stores ({@code storage.maxEventSize}): checked on the encoded
 * event before it is appended, so a larger one is neither stored nor delivered, whatever the store.
 */
class MaxEventSizeTest {

  record Note(String text) {}

  /** {"text":"..."} and the empty headers {} : ten bytes besides the text, which is ASCII here. */
  private static final int OVERHEAD = "{\"text\":\"\"}".length() + "{}".length();

  private final InMemoryEventStore store = InMemoryEventStore.create();
  private final List<UnifiedEventBus> buses = new ArrayList<>();

  @AfterEach
  void stop() {
    buses.forEach(bus -> bus.stop(Duration.ofSeconds(5)));
  }

  private UnifiedEventBus bus(StorageConfig storage) {
    MapCodec codec =
        new MapCodec()
            .register(
                "note",
                Note.class,
                1,
                note -> Map.of("text", note.text()),
                data -> new Note((String) data.get("text")));
    UnifiedEventBus bus =
        EventBusFactory.builder()
            .config(EventBusConfig.builder().storage(storage).build())
            .storage(DurableStorage.builder(store, codec).build())
            .build();
    buses.add(bus);
    return bus;
  }

  @Test
  void anEventOfExactlyTheLimitIsStoredAndDelivered() {
    int limit = 1_000;
    UnifiedEventBus bus = bus(StorageConfig.builder().maxEventSize(limit).build());
    List<Note> delivered = Collections.synchronizedList(new ArrayList<>());
    bus.subscribe(
        Note.class,
        delivered::add,
        SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).name("notes").build());

    bus.publish(new Note("n".repeat(limit - OVERHEAD)));

    assertThat(store.lastPosition()).isEqualTo(1);
    assertThat(bus.stop(Duration.ofSeconds(5)).completedInTime()).isTrue();
    assertThat(delivered).hasSize(1);
  }

  @Test
  void anEventOneByteOverTheLimitIsRefusedNamingTypeSizeAndLimitAndNothingIsStored() {
    int limit = 1_000;
    UnifiedEventBus bus = bus(StorageConfig.builder().maxEventSize(limit).build());
    List<Note> delivered = Collections.synchronizedList(new ArrayList<>());
    bus.subscribe(Note.class, delivered::add);

    assertThatThrownBy(() -> bus.publish(new Note("n".repeat(limit - OVERHEAD + 1))))
        .isInstanceOfSatisfying(
            EventTooLargeException.class,
            e -> {
              assertThat(e.eventType()).isEqualTo("note");
              assertThat(e.size()).isEqualTo(limit + 1);
              assertThat(e.limit()).isEqualTo(limit);
            })
        .hasMessageContaining("'note'")
        .hasMessageContaining("1001 bytes")
        .hasMessageContaining("limit of 1000 bytes")
        .hasMessageContaining("storage.maxEventSize");
    assertThatThrownBy(() -> bus.publishAsync(new Note("n".repeat(limit))))
        .isInstanceOf(EventTooLargeException.class);

    assertThat(store.lastPosition()).isZero();
    assertThat(delivered).isEmpty();
    bus.publish(new Note("small"));
    assertThat(store.lastPosition()).isEqualTo(1);
  }

  @Test
  @Timeout(30)
  void aHundredMegabyteEventIsRefusedAtOnceUnderTheDefaultLimit() {
    UnifiedEventBus bus = bus(StorageConfig.defaults());
    Note huge = new Note("x".repeat(100_000_000));

    long start = System.nanoTime();
    assertThatThrownBy(() -> bus.publish(huge))
        .isInstanceOfSatisfying(
            EventTooLargeException.class,
            e -> {
              assertThat(e.size()).isEqualTo(100_000_000L + OVERHEAD);
              assertThat(e.limit()).isEqualTo(StorageConfig.DEFAULT_MAX_EVENT_SIZE);
            });
    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();

    assertThat(store.lastPosition()).isZero();
    assertThat(millis).as("refused in %d ms", millis).isLessThan(5_000);
  }
}
