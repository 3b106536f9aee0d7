package dev.eventbus.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LedgerTest {

  @Test
  void timesOutOnEveryNthCallAndRefusesEntriesAboveTheLimit() {
    Ledger ledger = new Ledger(3, 10_000);

    assertThatCode(() -> ledger.book("a", 100)).doesNotThrowAnyException();
    assertThatCode(() -> ledger.book("b", 10_000)).doesNotThrowAnyException();
    assertThatThrownBy(() -> ledger.book("c", 100))
        .isInstanceOf(Ledger.LedgerTimeoutException.class)
        .hasMessage("ledger call 3 timed out");
    assertThatThrownBy(() -> ledger.book("d", 10_001))
        .isInstanceOf(Ledger.LedgerLimitException.class)
        .hasMessage("100.01 is over the single-entry limit of 100.00");
    assertThatCode(() -> ledger.book("e", 100)).doesNotThrowAnyException();
    assertThatThrownBy(() -> ledger.book("f", 10_001))
        .isInstanceOf(Ledger.LedgerTimeoutException.class);

    assertThat(ledger.calls()).isEqualTo(6);
    assertThat(ledger.timeouts()).isEqualTo(2);
  }

  @Test
  void refusesNonsensicalSettings() {
    assertThatThrownBy(() -> new Ledger(1, 100)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Ledger(2, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
