package dev.eventbus.codec.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.DomainEvent;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.EventUpcaster;
import dev.eventbus.api.spi.NewEvent;
import dev.eventbus.api.spi.QuarantinedEvent;
import dev.eventbus.api.spi.Snapshot;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.durable.InMemoryEventStore;
import dev.eventbus.durable.InMemorySnapshotStore;
import dev.eventbus.processors.EventBusFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stored events of versions 1, 2 and 3 reach today's handlers in the version-3 shape on every path
 * that reads the store: replay, redelivery after a restart, the dead letters of a redelivery, and
 * snapshots (whose states have upcasters of their own).
 */
class ThreeVersionsOnEveryReadPathTest {

  /** Version 3. v1 was {customerId, name}; v2 split the name; v3 added the country. */
  record CustomerRegistered(String customerId, String firstName, String lastName, String country)
      implements DomainEvent {
    @Override
    public String eventType() {
      return "customer.registered";
    }

    @Override
    public int version() {
      return 3;
    }

    @Override
    public String partitionKey() {
      return customerId;
    }
  }

  private static EventUpcaster upcaster(
      String type, int from, UnaryOperator<Map<String, Object>> step) {
    return EventUpcaster.of(type, from, step);
  }

  private static final List<EventUpcaster> UPCASTERS =
      List.of(
          upcaster(
              "customer.registered",
              1,
              v1 -> {
                String[] name = ((String) v1.get("name")).split(" ", 2);
                Map<String, Object> v2 = new HashMap<>();
                v2.put("customerId", v1.get("customerId"));
                v2.put("firstName", name[0]);
                v2.put("lastName", name[1]);
                return v2;
              }),
          upcaster(
              "customer.registered",
              2,
              v2 -> {
                Map<String, Object> v3 = new HashMap<>(v2);
                v3.put("country", "unknown");
                return v3;
              }),
          upcaster(
              "customer.directory",
              1,
              v1 -> {
                Map<String, Object> v2 = new HashMap<>();
                v2.put("count", v1.get("size"));
                return v2;
              }));

  private static final Map<String, Object> V1 = Map.of("customerId", "c-1", "name", "Ada Lovelace");
  private static final Map<String, Object> V2 =
      Map.of("customerId", "c-2", "firstName", "Grace", "lastName", "Hopper");
  private static final Map<String, Object> V3 =
      Map.of("customerId", "c-3", "firstName", "Alan", "lastName", "Turing", "country", "UK");

  private static final List<CustomerRegistered> EXPECTED =
      List.of(
          new CustomerRegistered("c-1", "Ada", "Lovelace", "unknown"),
          new CustomerRegistered("c-2", "Grace", "Hopper", "unknown"),
          new CustomerRegistered("c-3", "Alan", "Turing", "UK"));

  private final InMemoryEventStore store = InMemoryEventStore.create();
  private final List<UnifiedEventBus> buses = new ArrayList<>();
  private DurableStorage storage;

  @BeforeEach
  void storeThreeVersions() {
    storage =
        DurableStorage.builder(
                store,
                JacksonEventCodec.builder()
                    .register(CustomerRegistered.class, "customer.registered", 3)
                    .build())
            .upcasters(UPCASTERS)
            .build();
    store.append(List.of(stored(1, V1, "crm"), stored(2, V2, "crm"), stored(3, V3, "crm")));
  }

  @AfterEach
  void stopBuses() {
    buses.forEach(bus -> bus.stop(Duration.ofSeconds(5)));
  }

  private static NewEvent stored(int version, Map<String, Object> data, String... deliveries) {
    return new NewEvent(
        UUID.randomUUID(),
        "customer.registered",
        version,
        Instant.EPOCH,
        (String) data.get("customerId"),
        Map.of(),
        data,
        List.of(deliveries));
  }

  private UnifiedEventBus bus() {
    UnifiedEventBus bus = EventBusFactory.builder().storage(storage).build();
    buses.add(bus);
    return bus;
  }

  @Test
  void replay() {
    List<CustomerRegistered> replayed = new ArrayList<>();

    storage.replayer().replay(0, CustomerRegistered.class, replayed::add);

    assertThat(replayed).containsExactlyElementsOf(EXPECTED);
  }

  @Test
  void redeliveryAfterARestart() {
    UnifiedEventBus bus = bus();
    List<CustomerRegistered> got = Collections.synchronizedList(new ArrayList<>());

    bus.subscribe(
        CustomerRegistered.class,
        got::add,
        SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).name("crm").build());
    bus.stop(Duration.ofSeconds(10));

    assertThat(got).containsExactlyElementsOf(EXPECTED);
    assertThat(bus.stats().redelivered()).isEqualTo(3);
  }

  @Test
  void deadLettersOfARedelivery() {
    UnifiedEventBus bus = bus();

    bus.subscribe(
        CustomerRegistered.class,
        customer -> {
          throw new IllegalStateException("crm is down");
        },
        SubscriptionOptions.builder()
            .mode(ProcessingMode.ASYNC)
            .name("crm")
            .retryPolicy(RetryPolicy.none())
            .build());
    bus.stop(Duration.ofSeconds(10));

    assertThat(bus.deadLetters().orElseThrow().list())
        .extracting(letter -> letter.event())
        .containsExactlyElementsOf(List.copyOf(EXPECTED));
  }

  @Test
  void snapshots() {
    InMemorySnapshotStore snapshots = InMemorySnapshotStore.create();
    snapshots.save(new Snapshot("directory", "customer.directory", 1, 3, Map.of("size", 3)));

    Snapshot current = storage.reader().upcast(snapshots.load("directory").orElseThrow(), 2);

    assertThat(current.version()).isEqualTo(2);
    assertThat(current.state()).isEqualTo(Map.of("count", 3));
    assertThat(current.position()).isEqualTo(3);
  }

  @Test
  void aRecordThatFitsNoVersionIsQuarantinedWithItsReason() {
    store.append(
        List.of(stored(3, Map.of("customerId", "c-4", "firstName", "X", "nickname", "y"), "crm")));
    List<CustomerRegistered> replayed = new ArrayList<>();

    storage.replayer().replay(0, CustomerRegistered.class, replayed::add);

    assertThat(replayed).containsExactlyElementsOf(EXPECTED);
    assertThat(store.quarantined())
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.position()).isEqualTo(4);
              assertThat(q.reason())
                  .startsWith("version 3 of customer.registered does not fit ")
                  .contains("nickname");
            });
    assertThat(store.quarantined())
        .extracting(QuarantinedEvent::eventType)
        .containsExactly("customer.registered");
  }
}
