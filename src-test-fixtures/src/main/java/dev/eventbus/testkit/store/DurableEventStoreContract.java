package dev.eventbus.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.spi.DurableEventStore;
import dev.eventbus.api.spi.DurableEventStore.DeliveryCompletion;
import dev.eventbus.api.spi.DurableEventStore.Outcome;
import dev.eventbus.api.spi.DurableEventStore.PendingDelivery;
import dev.eventbus.api.spi.EventStore;
import dev.eventbus.api.spi.NewEvent;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of a {@link DurableEventStore}: everything of {@link EventStoreContract}, plus
 * delivery tracking. Extend it and implement {@link #openDurableStore()}.
 */
public abstract class DurableEventStoreContract extends EventStoreContract {

  /** For subclasses: the contract tests they run. */
  protected DurableEventStoreContract() {}

  /**
   * Opens a store on this test's storage; a second call opens the same storage again.
   *
   * @return a new store instance on this test's storage
   */
  protected abstract DurableEventStore openDurableStore();

  @Override
  protected final EventStore openStore() {
    return openDurableStore();
  }

  /** {@return the store under test} */
  protected final DurableEventStore durable() {
    return (DurableEventStore) store();
  }

  private static final Instant AT = Instant.parse("2026-11-25T12:00:00Z");

  private static NewEvent withDeliveries(NewEvent event, String... subscriptions) {
    return event.withDeliveries(List.of(subscriptions));
  }

  private List<Long> pending(String subscription) {
    try (Stream<PendingDelivery> stream = durable().pendingDeliveries(subscription)) {
      return stream.map(PendingDelivery::position).toList();
    }
  }

  private static DeliveryCompletion done(long position, String subscription, Instant at) {
    return new DeliveryCompletion(position, subscription, Outcome.DELIVERED, at);
  }

  @Test
  void appendRecordsOnePendingDeliveryPerSubscriptionNamed() {
    durable()
        .append(
            List.of(
                withDeliveries(event("a", "k"), "audit", "billing"),
                event("b", null),
                withDeliveries(event("a", "k"), "audit")));

    assertThat(pending("audit")).containsExactly(1L, 3L);
    assertThat(pending("billing")).containsExactly(1L);
    assertThat(pending("nobody")).isEmpty();
  }

  @Test
  void completedDeliveriesAreNoLongerPending() {
    durable()
        .append(
            List.of(
                withDeliveries(event("a", null), "audit"),
                withDeliveries(event("a", null), "audit"),
                withDeliveries(event("a", null), "audit", "billing")));

    durable()
        .completeDeliveries(
            List.of(
                done(1, "audit", AT),
                new DeliveryCompletion(3, "billing", Outcome.FAILED, AT),
                done(2, "nobody", AT),
                done(99, "audit", AT)));
    durable().completeDeliveries(List.of(done(1, "audit", AT.plusSeconds(5))));

    assertThat(pending("audit")).containsExactly(2L, 3L);
    assertThat(pending("billing")).isEmpty();
  }

  @Test
  void deliveriesOfQuarantinedEventsAreNotPending() {
    durable()
        .append(
            List.of(
                withDeliveries(event("a", null), "audit"),
                withDeliveries(event("a", null), "audit")));

    durable().quarantine(1, "unknown type a");

    assertThat(pending("audit")).containsExactly(2L);
  }

  @Test
  void pruningRemovesOnlyDeliveriesCompletedBeforeTheInstant() {
    durable()
        .append(
            List.of(
                withDeliveries(event("a", null), "s"),
                withDeliveries(event("a", null), "s"),
                withDeliveries(event("a", null), "s")));
    durable().completeDeliveries(List.of(done(1, "s", AT), done(2, "s", AT.plusSeconds(60))));

    assertThat(durable().pruneCompletedDeliveries(AT.plusSeconds(30))).isEqualTo(1);
    assertThat(durable().pruneCompletedDeliveries(AT.plusSeconds(30))).isZero();
    assertThat(pending("s")).containsExactly(3L);
    assertThat(durable().pruneCompletedDeliveries(AT.plusSeconds(3600))).isEqualTo(1);
    assertThat(pending("s")).containsExactly(3L);
  }

  @Test
  void pendingDeliveriesSurviveClosingAndReopening() {
    durable()
        .append(
            List.of(withDeliveries(event("a", null), "s"), withDeliveries(event("a", null), "s")));
    durable().completeDeliveries(List.of(done(1, "s", AT)));
    durable().close();

    DurableEventStore reopened = (DurableEventStore) reopen();

    try (Stream<PendingDelivery> stream = reopened.pendingDeliveries("s")) {
      assertThat(stream.map(PendingDelivery::position)).containsExactly(2L);
    }
  }

  @Test
  void aClosedStoreRefusesDeliveryCalls() {
    durable().close();

    assertThatThrownBy(() -> durable().pendingDeliveries("s"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> durable().completeDeliveries(List.of()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> durable().pruneCompletedDeliveries(AT))
        .isInstanceOf(IllegalStateException.class);
  }
}
