package dev.eventbus.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InMemoryProcessedEventLogTest {

  @Test
  void keepsExactlyTheLastMarkedIds_andForgetsTheOneMarkedLongestAgo() {
    InMemoryProcessedEventLog log = InMemoryProcessedEventLog.withCapacity(3);
    assertThat(log.markProcessed("s", "1")).isTrue();
    assertThat(log.markProcessed("s", "2")).isTrue();
    assertThat(log.markProcessed("s", "3")).isTrue();
    // Looking one up does not keep it longer: the window is the last marks.
    assertThat(log.isProcessed("s", "1")).isTrue();

    assertThat(log.markProcessed("s", "4")).isTrue();

    assertThat(log.isProcessed("s", "1")).isFalse();
    assertThat(log.isProcessed("s", "2")).isTrue();
    assertThat(log.isProcessed("s", "3")).isTrue();
    assertThat(log.isProcessed("s", "4")).isTrue();
    assertThat(log.markProcessed("s", "4")).isFalse();
  }

  @Test
  void scopesAreApart_andShareTheCapacity() {
    InMemoryProcessedEventLog log = InMemoryProcessedEventLog.withCapacity(2);
    log.markProcessed("a", "1");
    log.markProcessed("b", "1");
    assertThat(log.isProcessed("a", "1")).isTrue();
    assertThat(log.isProcessed("b", "1")).isTrue();
    assertThat(log.isProcessed("c", "1")).isFalse();

    log.markProcessed("b", "2");

    assertThat(log.isProcessed("a", "1")).isFalse();
  }

  @Test
  void aCapacityBelowOne_isRefused() {
    assertThatThrownBy(() -> InMemoryProcessedEventLog.withCapacity(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("capacity must be at least 1: 0");
  }
}
