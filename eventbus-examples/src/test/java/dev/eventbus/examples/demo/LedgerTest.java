package dev.eventbus.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

class LedgerTest {

  @Test
  void firstCallForOneOrderInNTimesOutAndEntriesAboveTheLimitAreRefused() {
    Ledger ledger = new Ledger(3, 10_000);
    // Which orders time out follows from the id's hash alone: hash % 3 == 0 here.
    String flaky = orderIdWhoseHash(hash -> Math.floorMod(hash, 3) == 0);
    String steady = orderIdWhoseHash(hash -> Math.floorMod(hash, 3) != 0);

    assertThatCode(() -> ledger.book(steady, 10_000)).doesNotThrowAnyException();
    assertThatThrownBy(() -> ledger.book(flaky, 100))
        .isInstanceOf(Ledger.LedgerTimeoutException.class)
        .hasMessage("ledger timed out booking " + flaky);
    assertThatCode(() -> ledger.book(flaky, 100)).doesNotThrowAnyException();
    assertThatThrownBy(() -> ledger.book(steady, 10_001))
        .isInstanceOf(Ledger.LedgerLimitException.class)
        .hasMessage("100.01 is over the single-entry limit of 100.00");
    assertThatCode(() -> ledger.book(flaky, 100)).doesNotThrowAnyException();

    assertThat(ledger.calls()).isEqualTo(5);
    assertThat(ledger.timeouts()).isEqualTo(1);
  }

  @Test
  void aFlakyOrderTimesOutOnItsFirstCallWhateverCameBefore() throws Exception {
    String flaky = orderIdWhoseHash(hash -> Math.floorMod(hash, 7) == 0);
    Ledger fresh = new Ledger(7, 10_000);
    Ledger busy = new Ledger(7, 10_000);
    for (int n = 1; n <= 20; n++) {
      String other = "other-" + n;
      try {
        busy.book(other, 100);
      } catch (Ledger.LedgerTimeoutException firstCallOfAFlakyOrder) {
        busy.book(other, 100);
      }
    }
    assertThat(busy.calls()).isEqualTo(20 + busy.timeouts());

    assertThatThrownBy(() -> fresh.book(flaky, 100))
        .isInstanceOf(Ledger.LedgerTimeoutException.class);
    assertThatThrownBy(() -> busy.book(flaky, 100))
        .isInstanceOf(Ledger.LedgerTimeoutException.class);
  }

  @Test
  void raisingTheLimitLetsRefusedEntriesThroughAndTheLimitNeverGoesDown() throws Exception {
    Ledger ledger = new Ledger(2, 10_000);
    String steady = orderIdWhoseHash(hash -> Math.floorMod(hash, 2) != 0);
    assertThatThrownBy(() -> ledger.book(steady, 20_000))
        .isInstanceOf(Ledger.LedgerLimitException.class);

    ledger.raiseLimit(20_000);
    ledger.book(steady, 20_000);

    assertThat(ledger.limitCents()).isEqualTo(20_000);
    assertThatThrownBy(() -> ledger.raiseLimit(19_999))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the limit can only be raised: it is 200.00, not 199.99");
    assertThat(ledger.limitCents()).isEqualTo(20_000);
  }

  @Test
  void refusesNonsensicalSettings() {
    assertThatThrownBy(() -> new Ledger(1, 100)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Ledger(2, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static String orderIdWhoseHash(IntPredicate wanted) {
    for (int n = 1; ; n++) {
      String orderId = String.format(Locale.ROOT, "ord-%04d", n);
      if (wanted.test(orderId.hashCode())) {
        return orderId;
      }
    }
  }
}
