package dev.eventbus.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.spi.DurableEventStore.DeliveryCompletion;
import dev.eventbus.api.spi.DurableEventStore.Outcome;
import dev.eventbus.api.spi.EventStoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The delivery ledger's logic that needs no database: the bound a prune compares with, completion
 * times, and which completions a set-based update sends. The statements themselves run in {@link
 * JdbcStoreTests} on both databases.
 */
class DeliveryLedgerTest {

  private static final Instant T0 = Instant.parse("2026-11-25T10:15:30.123456789Z");

  private static DeliveryCompletion done(long position, String subscription, Outcome outcome) {
    return new DeliveryCompletion(position, subscription, outcome, T0);
  }

  @Test
  void aPruneBoundIsTheInstantInMicrosecondsAndInstantsBeyondTheColumnCoverAllOrNothing() {
    assertThat(DeliveryLedger.pruneBound(T0)).isEqualTo(Times.toMicros(T0));
    assertThat(DeliveryLedger.pruneBound(Instant.EPOCH)).isZero();
    assertThat(DeliveryLedger.pruneBound(Instant.MIN)).isEqualTo(Long.MIN_VALUE);
    assertThat(DeliveryLedger.pruneBound(Instant.MAX)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void completionTimesAreMicrosecondsInTheOrderOfTheCompletions() {
    List<DeliveryCompletion> completions =
        List.of(
            new DeliveryCompletion(1, "a", Outcome.DELIVERED, T0),
            new DeliveryCompletion(2, "a", Outcome.DELIVERED, Instant.EPOCH.minusNanos(1_500)));

    assertThat(DeliveryLedger.completionMicros(completions))
        .containsExactly(Times.toMicros(T0), -2L);
  }

  @Test
  void aCompletionTimeBeyondTheColumnNamesItsDelivery() {
    List<DeliveryCompletion> completions =
        List.of(
            done(1, "a", Outcome.DELIVERED),
            new DeliveryCompletion(7, "billing", Outcome.FAILED, Instant.MAX));

    assertThatThrownBy(() -> DeliveryLedger.completionMicros(completions))
        .isInstanceOf(EventStoreException.class)
        .hasMessageContaining("completion of position 7 for billing has a time out of range")
        .hasCauseInstanceOf(ArithmeticException.class);
  }

  @Test
  void keyOrderIsBySubscriptionThenPositionAndKeepsTheOrderOfCompletionsOfOneDelivery() {
    List<DeliveryCompletion> completions =
        new ArrayList<>(
            List.of(
                done(2, "b", Outcome.FAILED),
                done(10, "a", Outcome.DELIVERED),
                done(2, "b", Outcome.DELIVERED),
                done(9, "a", Outcome.FILTERED)));

    completions.sort(DeliveryLedger.KEY_ORDER);

    assertThat(completions)
        .containsExactly(
            done(9, "a", Outcome.FILTERED),
            done(10, "a", Outcome.DELIVERED),
            done(2, "b", Outcome.FAILED),
            done(2, "b", Outcome.DELIVERED));
  }

  @Test
  void ofSeveralCompletionsOfOneDeliveryOnlyTheFirstIsSentInASet() {
    List<DeliveryCompletion> sorted =
        List.of(
            done(1, "a", Outcome.DELIVERED),
            done(1, "a", Outcome.FAILED),
            done(1, "a", Outcome.FILTERED),
            done(2, "a", Outcome.DELIVERED),
            done(2, "b", Outcome.DELIVERED),
            done(2, "b", Outcome.FAILED),
            done(3, "b", Outcome.DELIVERED));

    assertThat(DeliveryLedger.firstCompletions(sorted)).containsExactly(0, 3, 4, 6);
    assertThat(DeliveryLedger.firstCompletions(List.of())).isEmpty();
  }
}
