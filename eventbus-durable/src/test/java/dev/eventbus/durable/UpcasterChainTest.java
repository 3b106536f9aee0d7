package dev.eventbus.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.spi.EventUpcaster;
import dev.eventbus.api.spi.StoredEvent;
import dev.eventbus.api.spi.UnreadableEventException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class UpcasterChainTest {

  /** v1 {name} -> v2 {firstName, lastName} -> v3 {firstName, lastName, country}. */
  private static final EventUpcaster SPLIT_NAME =
      upcaster(
          "customer.registered",
          1,
          data -> {
            String[] parts = ((String) data.get("name")).split(" ", 2);
            Map<String, Object> next = new HashMap<>();
            next.put("firstName", parts[0]);
            next.put("lastName", parts.length > 1 ? parts[1] : "");
            return next;
          });

  private static final EventUpcaster ADD_COUNTRY =
      upcaster(
          "customer.registered",
          2,
          data -> {
            Map<String, Object> next = new HashMap<>(data);
            next.put("country", "unknown");
            return next;
          });

  private static EventUpcaster upcaster(
      String type, int from, UnaryOperator<Map<String, Object>> step) {
    return EventUpcaster.of(type, from, step);
  }

  private static StoredEvent stored(int version, Map<String, Object> data) {
    return new StoredEvent(
        7, UUID.randomUUID(), "customer.registered", version, Instant.EPOCH, "c-1", Map.of(), data);
  }

  private final UpcasterChain chain = UpcasterChain.of(List.of(ADD_COUNTRY, SPLIT_NAME));

  @Test
  void aV1EventReachesV3ThroughEveryStep() {
    StoredEvent v1 = stored(1, Map.of("name", "Ada Lovelace"));

    StoredEvent v3 = chain.upcast(v1, 3);

    assertThat(v3.version()).isEqualTo(3);
    assertThat(v3.data())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("firstName", "Ada", "lastName", "Lovelace", "country", "unknown"));
    assertThat(v3.position()).isEqualTo(v1.position());
    assertThat(v3.id()).isEqualTo(v1.id());
    assertThat(v3.partitionKey()).isEqualTo("c-1");
  }

  @Test
  void aV2EventTakesOnlyTheLastStepAndAV3EventNone() {
    StoredEvent v2 = stored(2, Map.of("firstName", "Grace", "lastName", "Hopper"));
    StoredEvent v3 = stored(3, Map.of("firstName", "A", "lastName", "B", "country", "NL"));

    assertThat(chain.upcast(v2, 3).data()).containsEntry("country", "unknown");
    assertThat(chain.upcast(v3, 3)).isSameAs(v3);
  }

  @Test
  void aMissingStepNamesTypeVersionAndPosition() {
    UpcasterChain gap = UpcasterChain.of(List.of(SPLIT_NAME));

    assertThatThrownBy(() -> gap.upcast(stored(1, Map.of("name", "Ada L")), 3))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessage(
            "no upcaster from version 2 of customer.registered (current version 3) for the event"
                + " at position 7")
        .satisfies(
            e -> {
              assertThat(((UnreadableEventException) e).eventType())
                  .isEqualTo("customer.registered");
              assertThat(((UnreadableEventException) e).version()).isEqualTo(2);
            });
  }

  @Test
  void aVersionNewerThanTheTargetIsUnreadable() {
    assertThatThrownBy(() -> chain.upcast(stored(4, Map.of()), 3))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessage(
            "version 4 of customer.registered (the event at position 7) is newer than the current"
                + " version 3");
  }

  @Test
  void aFailingOrNullReturningUpcasterIsUnreadableWithItsCause() {
    assertThatThrownBy(() -> chain.upcast(stored(1, Map.of()), 3))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageStartingWith("upcaster ")
        .hasMessageContaining(
            "failed on version 1 of customer.registered (the event at position 7): ")
        .hasCauseInstanceOf(NullPointerException.class);
    UpcasterChain nulls = UpcasterChain.of(List.of(upcaster("customer.registered", 1, d -> null)));
    assertThatThrownBy(() -> nulls.upcast(stored(1, Map.of()), 2))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessage(
            "upcaster EventUpcaster[customer.registered v1 -> v2] returned null for version 1 of"
                + " customer.registered (the event at position 7)");
  }

  @Test
  void ambiguousOrInvalidChainsAreRefusedWhenBuilt() {
    assertThatThrownBy(() -> UpcasterChain.of(List.of(SPLIT_NAME, SPLIT_NAME)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("two upcasters read version 1 of customer.registered");
    assertThatThrownBy(() -> UpcasterChain.of(List.of(upcaster("x", 0, d -> d))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reads version 0 of x; versions start at 1");
  }

  @Test
  void theEmptyChainPassesCurrentEventsAndRefusesOldOnes() {
    StoredEvent v1 = stored(1, Map.of());
    assertThat(UpcasterChain.empty().upcast(v1, 1)).isSameAs(v1);
    assertThatThrownBy(() -> UpcasterChain.empty().upcast(v1, 2))
        .isInstanceOf(UnreadableEventException.class);
  }
}
