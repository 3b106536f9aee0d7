package dev.eventbus.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.DeadLetter;
import dev.eventbus.api.DeadLetterFilter;
import dev.eventbus.api.spi.DeadLetterStore;
import dev.eventbus.api.spi.DurableEventStore;
import dev.eventbus.api.spi.NewEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour of a {@link DurableEventStore}'s dead letters ({@link DeadLetterStore}): recorded,
 * found again by key, filtered, counted again on a new failure, removed, purged, and kept across a
 * reopen. Extend it and implement {@link #openStore()}; times are compared to the microsecond.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class DeadLetterStoreContract extends StoreContractSupport<DurableEventStore> {

  /** For subclasses: the contract tests they run. */
  protected DeadLetterStoreContract() {}

  private static final Instant T0 = Instant.parse("2026-12-01T08:00:00.123456Z");

  /** Three events, at positions 1 (type a), 2 (type b) and 3 (type a). */
  @BeforeEach
  final void appendThreeEvents() {
    store().append(List.of(event("a"), event("b"), event("a")));
  }

  private static NewEvent event(String type) {
    return new NewEvent(UUID.randomUUID(), type, 1, T0, null, Map.of(), Map.of("n", 1));
  }

  private static DeadLetter letter(String subscription, long position, String type, int minute) {
    Instant at = T0.plusSeconds(60L * minute);
    return new DeadLetter(
        new DeadLetter.Id(subscription, position),
        type,
        3,
        at,
        at,
        "java.lang.IllegalStateException",
        "broken " + minute,
        "java.lang.IllegalStateException: broken "
            + minute
            + "\n\tat Handler.handle(Handler.java:1)\n");
  }

  @Test
  void aRecordedLetterIsFoundAgainWithEveryField() {
    String trace = "x".repeat(DeadLetter.MAX_STACK_TRACE_CHARS - 3) + "äö\n";
    DeadLetter letter =
        new DeadLetter(
            new DeadLetter.Id("ledger", 2),
            "b",
            4,
            T0,
            T0.plusMillis(1500),
            "com.example.LedgerException",
            "account 7 is closed: «ünïcode»",
            trace);

    store().recordDeadLetter(letter);

    assertThat(store().deadLetter(new DeadLetter.Id("ledger", 2))).contains(letter);
    assertThat(store().deadLetters(DeadLetterFilter.all())).containsExactly(letter);
    assertThat(store().deadLetter(new DeadLetter.Id("ledger", 1))).isEmpty();
    assertThat(store().deadLetter(new DeadLetter.Id("audit", 2))).isEmpty();
  }

  @Test
  void recordingAStoredKeyAgainAddsAttemptsKeepsTheFirstFailureAndTakesTheLastError() {
    DeadLetter first = letter("ledger", 1, "a", 0);
    DeadLetter again = letter("ledger", 1, "a", 5);

    store().recordDeadLetter(first);
    store().recordDeadLetter(again);

    DeadLetter stored = store().deadLetter(first.id()).orElseThrow();
    assertThat(stored.attempts()).isEqualTo(6);
    assertThat(stored.firstFailedAt()).isEqualTo(first.firstFailedAt());
    assertThat(stored.lastFailedAt()).isEqualTo(again.lastFailedAt());
    assertThat(stored.errorMessage()).isEqualTo("broken 5");
    assertThat(stored.stackTrace()).isEqualTo(again.stackTrace());
    assertThat(store().deadLetters(DeadLetterFilter.all())).hasSize(1);
  }

  @Test
  void lettersAreListedByPositionThenSubscriptionAndFilteredBySubscriptionTypeAndTime() {
    DeadLetter ledger3 = letter("ledger", 3, "a", 3);
    DeadLetter audit1 = letter("audit", 1, "a", 1);
    DeadLetter ledger1 = letter("ledger", 1, "a", 2);
    DeadLetter audit2 = letter("audit", 2, "b", 4);
    List.of(ledger3, audit1, ledger1, audit2).forEach(store()::recordDeadLetter);

    assertThat(store().deadLetters(DeadLetterFilter.all()))
        .containsExactly(audit1, ledger1, audit2, ledger3);
    assertThat(store().deadLetters(DeadLetterFilter.all().subscription("ledger")))
        .containsExactly(ledger1, ledger3);
    assertThat(store().deadLetters(DeadLetterFilter.all().eventType("b"))).containsExactly(audit2);
    assertThat(
            store()
                .deadLetters(
                    DeadLetterFilter.all()
                        .failedBetween(ledger1.lastFailedAt(), ledger3.lastFailedAt())))
        .containsExactly(ledger1);
    assertThat(
            store()
                .deadLetters(
                    DeadLetterFilter.all()
                        .subscription("audit")
                        .eventType("a")
                        .failedBetween(T0, T0.plusSeconds(3600))))
        .containsExactly(audit1);
    assertThat(store().deadLetters(DeadLetterFilter.all().subscription("nobody"))).isEmpty();
  }

  @Test
  void removingTakesOneLetterAndSaysWhetherThereWasOne() {
    DeadLetter kept = letter("audit", 1, "a", 1);
    DeadLetter removed = letter("ledger", 1, "a", 1);
    store().recordDeadLetter(kept);
    store().recordDeadLetter(removed);

    assertThat(store().removeDeadLetter(removed.id())).isTrue();
    assertThat(store().removeDeadLetter(removed.id())).isFalse();
    assertThat(store().deadLetters(DeadLetterFilter.all())).containsExactly(kept);
  }

  @Test
  void purgingRemovesWhatTheFilterAcceptsAndCountsIt() {
    List.of(
            letter("audit", 1, "a", 1),
            letter("ledger", 1, "a", 2),
            letter("ledger", 2, "b", 3),
            letter("ledger", 3, "a", 4))
        .forEach(store()::recordDeadLetter);

    assertThat(
            store().purgeDeadLetters(DeadLetterFilter.all().subscription("ledger").eventType("a")))
        .isEqualTo(2);
    assertThat(store().deadLetters(DeadLetterFilter.all()))
        .extracting(DeadLetter::id)
        .containsExactly(new DeadLetter.Id("audit", 1), new DeadLetter.Id("ledger", 2));
    assertThat(store().purgeDeadLetters(DeadLetterFilter.all())).isEqualTo(2);
    assertThat(store().purgeDeadLetters(DeadLetterFilter.all())).isZero();
    assertThat(store().deadLetters(DeadLetterFilter.all())).isEmpty();
  }

  @Test
  void lettersSurviveClosingAndReopening() {
    DeadLetter letter = letter("ledger", 2, "b", 7);
    store().recordDeadLetter(letter);
    store().close();

    DurableEventStore reopened = reopen();

    assertThat(reopened.deadLetters(DeadLetterFilter.all())).containsExactly(letter);
  }

  @Test
  void nullArgumentsAreRefusedByName() {
    assertThatThrownBy(() -> store().recordDeadLetter(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("letter");
    assertThatThrownBy(() -> store().deadLetters(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("filter");
    assertThatThrownBy(() -> store().deadLetter(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("id");
    assertThatThrownBy(() -> store().removeDeadLetter(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("id");
    assertThatThrownBy(() -> store().purgeDeadLetters(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("filter");
  }

  @Test
  void aClosedStoreRefusesDeadLetterCalls() {
    DeadLetter letter = letter("ledger", 1, "a", 1);
    store().close();

    assertThatThrownBy(() -> store().recordDeadLetter(letter))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store().deadLetters(DeadLetterFilter.all()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store().deadLetter(letter.id()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store().removeDeadLetter(letter.id()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store().purgeDeadLetters(DeadLetterFilter.all()))
        .isInstanceOf(IllegalStateException.class);
  }
}
