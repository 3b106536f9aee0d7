package dev.eventbus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void none_makesOneAttempt() {
    assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
  }

  @Test
  void fixed_waitsTheSameBeforeEveryAttempt() {
    RetryPolicy policy = RetryPolicy.fixed(4, Duration.ofMillis(50));

    assertThat(policy.delayBefore(2, 0.5)).isEqualTo(Duration.ofMillis(50));
    assertThat(policy.delayBefore(4, 0.99)).isEqualTo(Duration.ofMillis(50));
  }

  @Test
  void exponential_doublesUpToTheCap() {
    RetryPolicy policy =
        RetryPolicy.exponential(10, Duration.ofMillis(10), Duration.ofMillis(100)).toBuilder()
            .jitter(0)
            .build();

    assertThat(policy.delayBefore(2, 0.3)).isEqualTo(Duration.ofMillis(10));
    assertThat(policy.delayBefore(3, 0.3)).isEqualTo(Duration.ofMillis(20));
    assertThat(policy.delayBefore(4, 0.3)).isEqualTo(Duration.ofMillis(40));
    assertThat(policy.delayBefore(5, 0.3)).isEqualTo(Duration.ofMillis(80));
    assertThat(policy.delayBefore(6, 0.3)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.delayBefore(60, 0.3)).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void jitter_movesTheDelayWithinItsFractionAndNeverPastTheCap() {
    RetryPolicy policy =
        RetryPolicy.builder()
            .maxAttempts(3)
            .initialDelay(Duration.ofMillis(100))
            .maxDelay(Duration.ofMillis(110))
            .jitter(0.2)
            .build();

    assertThat(policy.delayBefore(2, 0.0)).isEqualTo(Duration.ofMillis(80));
    assertThat(policy.delayBefore(2, 0.5)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.delayBefore(2, 0.999)).isEqualTo(Duration.ofMillis(110));
  }

  @Test
  void retryOn_decidesWhatIsRetryable() {
    RetryPolicy policy =
        RetryPolicy.fixed(3, Duration.ZERO).toBuilder()
            .retryOn(failure -> failure instanceof java.io.IOException)
            .build();

    assertThat(policy.isRetryable(new java.io.IOException("transient"))).isTrue();
    assertThat(policy.isRetryable(new IllegalArgumentException("permanent"))).isFalse();
  }

  @Test
  void badValues_areRejectedNamingFieldAndValue() {
    assertThatThrownBy(() -> RetryPolicy.fixed(0, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("retry.maxAttempts")
        .hasMessageContaining("0");
    assertThatThrownBy(() -> RetryPolicy.builder().initialDelay(Duration.ofMillis(-1)))
        .hasMessageContaining("retry.initialDelay");
    assertThatThrownBy(() -> RetryPolicy.builder().multiplier(0.5))
        .hasMessageContaining("retry.multiplier")
        .hasMessageContaining("0.5");
    assertThatThrownBy(() -> RetryPolicy.builder().jitter(1.5))
        .hasMessageContaining("retry.jitter")
        .hasMessageContaining("1.5");
    assertThatThrownBy(
            () ->
                RetryPolicy.builder()
                    .initialDelay(Duration.ofSeconds(2))
                    .maxDelay(Duration.ofSeconds(1))
                    .build())
        .hasMessageContaining("retry.maxDelay")
        .hasMessageContaining("PT1S");
    assertThatThrownBy(() -> RetryPolicy.none().delayBefore(1, 0.5))
        .hasMessageContaining("attempt");
    assertThatThrownBy(() -> RetryPolicy.none().delayBefore(2, 1.0)).hasMessageContaining("random");
  }
}
