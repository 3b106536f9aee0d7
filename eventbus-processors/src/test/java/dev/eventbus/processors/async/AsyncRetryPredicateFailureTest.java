package dev.eventbus.processors.async;

import static dev.eventbus.processors.async.AsyncTestSupport.TIMEOUT;
import static dev.eventbus.processors.async.AsyncTestSupport.asyncConfig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.HandlerFailure;
import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import dev.eventbus.processors.async.AsyncTestSupport.Ev;
import dev.eventbus.testkit.FailingHandler;
import dev.eventbus.testkit.RecordingExceptionHandler;
import dev.eventbus.testkit.RecordingHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A retry policy whose predicate throws ends the retries; it does not stop the shard. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AsyncRetryPredicateFailureTest {

  private final RecordingExceptionHandler failures = new RecordingExceptionHandler();
  private final UnifiedEventBus bus =
      EventBusFactory.builder()
          .config(asyncConfig(1, 100, OverflowPolicy.FAIL, Duration.ZERO))
          .exceptionHandler(failures)
          .build();

  @AfterEach
  void stopBus() {
    bus.stop(TIMEOUT);
  }

  @Test
  void throwingRetryPredicate_failsTheDeliveryOnce_andTheShardKeepsDelivering() throws Exception {
    IllegalStateException handlerFailure = new IllegalStateException("handler");
    IllegalArgumentException predicateFailure = new IllegalArgumentException("predicate");
    RetryPolicy badPolicy =
        RetryPolicy.builder()
            .maxAttempts(3)
            .retryOn(
                failure -> {
                  throw predicateFailure;
                })
            .build();
    FailingHandler<Object> failing = FailingHandler.throwing("failing", handlerFailure);
    bus.subscribe("fails", failing, SubscriptionOptions.builder().retryPolicy(badPolicy).build());
    RecordingHandler<Object> after = RecordingHandler.named("after");
    bus.subscribe("after", after);

    PublishResult failed =
        bus.publishAsync(Ev.of("fails", "key", 0)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    PublishResult next =
        bus.publishAsync(Ev.of("after", "key", 1)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

    assertThat(failed.failed()).isEqualTo(1);
    assertThat(failed.failures().get(0).cause()).isSameAs(handlerFailure);
    assertThat(handlerFailure.getSuppressed()).containsExactly(predicateFailure);
    assertThat(failing.calls()).isEqualTo(1);
    assertThat(next.delivered()).isEqualTo(1);
    assertThat(after.events()).containsExactly(Ev.of("after", "key", 1));
    assertThat(failures.failures()).extracting(HandlerFailure::attempts).containsExactly(1);
    assertThat(bus.stats().retried()).isZero();
  }
}
