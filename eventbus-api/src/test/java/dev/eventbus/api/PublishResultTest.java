package dev.eventbus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublishResultTest {

  private static HandlerFailure failure(String handler, String message) {
    return new HandlerFailure(
        new SubscriptionId(7),
        handler,
        ProcessingMode.SYNC,
        "event",
        new IllegalStateException(message),
        1,
        Instant.EPOCH);
  }

  @Test
  void allDeliveredOrAllPending_isASharedInstanceForSmallCounts() {
    assertThat(PublishResult.of(3, 3, 0, 0, 0, 0, List.of()))
        .isSameAs(PublishResult.of(3, 3, 0, 0, 0, 0, List.of()));
    assertThat(PublishResult.of(1_000, 1_000, 0, 0, 0, 0, List.of()).delivered()).isEqualTo(1_000);
    assertThat(PublishResult.of(2, 0, 0, 2, 0, 0, List.of()))
        .isSameAs(PublishResult.of(2, 0, 0, 2, 0, 0, List.of()));
  }

  @Test
  void noSubscribers_isADeadEventAndASuccess() {
    assertThat(PublishResult.of(0, 0, 0, 0, 0, 0, List.of()).hasNoSubscribers()).isTrue();
    assertThat(PublishResult.of(0, 0, 0, 0, 0, 0, List.of()).isSuccess()).isTrue();
  }

  @Test
  void of_rejectsCountsThatDoNotAddUp() {
    assertThatThrownBy(() -> PublishResult.of(3, 1, 0, 0, 0, 0, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("subscribers=3");
    assertThatThrownBy(() -> PublishResult.of(1, -1, 2, 0, 0, 0, List.of()))
        .hasMessageContaining("delivered=-1");
    assertThatThrownBy(() -> PublishResult.of(1, 1, 0, 0, 0, 1, List.of()))
        .hasMessageContaining("deadLettered");
  }

  @Test
  void orThrow_returnsASuccessAndThrowsOnDrops() {
    PublishResult ok = PublishResult.of(2, 2, 0, 0, 0, 0, List.of());
    PublishResult dropped = PublishResult.of(2, 1, 0, 0, 1, 0, List.of());

    assertThat(ok.orThrow()).isSameAs(ok);
    assertThatThrownBy(dropped::orThrow)
        .isInstanceOf(EventDeliveryException.class)
        .hasMessageContaining("1 delivery(ies) dropped");
  }

  @Test
  void orThrow_namesFailedHandlers() {
    HandlerFailure first = failure("billing", "first");
    HandlerFailure second = failure("audit", "second");
    PublishResult result = PublishResult.of(3, 1, 0, 0, 0, 0, List.of(first, second));

    assertThatThrownBy(result::orThrow)
        .isInstanceOf(EventDeliveryException.class)
        .hasMessageStartingWith("2 handler(s) failed: 'billing'")
        .hasMessageContaining("'audit'")
        .hasCause(first.cause())
        .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(second.cause()))
        .satisfies(e -> assertThat(((EventDeliveryException) e).result()).isSameAs(result));
  }

  @Test
  void equality_isByValue() {
    HandlerFailure failure = failure("h", "x");
    assertThat(PublishResult.of(2, 1, 0, 0, 0, 0, List.of(failure)))
        .isEqualTo(PublishResult.of(2, 1, 0, 0, 0, 0, List.of(failure)))
        .hasSameHashCodeAs(PublishResult.of(2, 1, 0, 0, 0, 0, List.of(failure)))
        .isNotEqualTo(PublishResult.of(2, 2, 0, 0, 0, 0, List.of()));
  }
}
