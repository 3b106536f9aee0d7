package dev.eventbus.core.internal.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.HandlerFailure;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.core.internal.registry.TestSubscribers;
import dev.eventbus.core.spi.DeliveryOutcome;
import dev.eventbus.core.spi.Subscriber;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryingHandlerInvokerTest {

  private final List<Duration> waits = new ArrayList<>();
  private final List<HandlerFailure> reported = new ArrayList<>();
  private final List<HandlerFailure> deadLetters = new ArrayList<>();
  private final AtomicInteger retries = new AtomicInteger();
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

  private final RetryingHandlerInvoker invoker =
      new RetryingHandlerInvoker(
          reported::add,
          deadLetters::add,
          waits::add,
          clock,
          (subscriber, event) -> retries.incrementAndGet());

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  private Subscriber failingTimes(int failures, AtomicInteger calls, RetryPolicy policy) {
    return TestSubscribers.subscriber(
        1,
        0,
        event -> {
          if (calls.incrementAndGet() <= failures) {
            throw new IllegalStateException("call " + calls.get());
          }
        },
        policy,
        TestSubscribers.inline(invoker));
  }

  @Test
  void success_onTheFirstAttempt_waitsForNothing() {
    AtomicInteger calls = new AtomicInteger();

    DeliveryOutcome outcome =
        invoker.invoke(failingTimes(0, calls, RetryPolicy.fixed(3, Duration.ofSeconds(1))), "e");

    assertThat(outcome).isEqualTo(DeliveryOutcome.Status.DELIVERED);
    assertThat(waits).isEmpty();
    assertThat(retries.get()).isZero();
  }

  @Test
  void exponentialBackoff_waitsTheCappedDoublingDelays() {
    AtomicInteger calls = new AtomicInteger();
    RetryPolicy policy =
        RetryPolicy.exponential(5, Duration.ofMillis(100), Duration.ofMillis(300)).toBuilder()
            .jitter(0)
            .build();

    DeliveryOutcome outcome = invoker.invoke(failingTimes(4, calls, policy), "e");

    assertThat(outcome).isEqualTo(DeliveryOutcome.Status.DELIVERED);
    assertThat(waits)
        .containsExactly(
            Duration.ofMillis(100),
            Duration.ofMillis(200),
            Duration.ofMillis(300),
            Duration.ofMillis(300));
    assertThat(retries.get()).isEqualTo(4);
    assertThat(reported).isEmpty();
  }

  @Test
  void exhaustedRetries_reportAndDeadLetterTheLastFailure() {
    AtomicInteger calls = new AtomicInteger();

    DeliveryOutcome outcome =
        invoker.invoke(failingTimes(10, calls, RetryPolicy.fixed(3, Duration.ofMillis(5))), "e");

    assertThat(outcome).isInstanceOf(DeliveryOutcome.Failed.class);
    DeliveryOutcome.Failed failed = (DeliveryOutcome.Failed) outcome;
    assertThat(failed.deadLettered()).isTrue();
    assertThat(failed.failure().attempts()).isEqualTo(3);
    assertThat(failed.failure().cause()).hasMessage("call 3");
    assertThat(reported).containsExactly(failed.failure());
    assertThat(deadLetters).containsExactly(failed.failure());
    HandlerFailure letter = deadLetters.get(0);
    assertThat(letter.event()).isEqualTo("e");
    assertThat(letter.attempts()).isEqualTo(3);
    assertThat(letter.failedAt()).isEqualTo(clock.instant());
    assertThat(letter.subscriptionName()).isEqualTo("handler-1");
  }

  @Test
  void interruptDuringBackoff_endsRetriesAndKeepsTheFlag() {
    AtomicInteger calls = new AtomicInteger();
    RetryingHandlerInvoker interrupting =
        new RetryingHandlerInvoker(
            reported::add,
            null,
            duration -> {
              throw new InterruptedException("stop waiting");
            },
            clock,
            (subscriber, event) -> retries.incrementAndGet());

    DeliveryOutcome outcome =
        interrupting.invoke(
            failingTimes(10, calls, RetryPolicy.fixed(5, Duration.ofSeconds(1))), "e");

    assertThat(calls.get()).isEqualTo(1);
    assertThat(((DeliveryOutcome.Failed) outcome).failure().attempts()).isEqualTo(1);
    assertThat(((DeliveryOutcome.Failed) outcome).deadLettered()).isFalse();
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
  }

  @Test
  void handlerThrowingInterruptedException_isNotRetried_andRestoresTheFlag() {
    AtomicInteger calls = new AtomicInteger();
    Subscriber subscriber =
        TestSubscribers.subscriber(
            1,
            0,
            event -> {
              calls.incrementAndGet();
              throw new InterruptedException("interrupted in handler");
            },
            RetryPolicy.fixed(5, Duration.ZERO),
            TestSubscribers.inline(invoker));

    DeliveryOutcome outcome = invoker.invoke(subscriber, "e");

    assertThat(calls.get()).isEqualTo(1);
    assertThat(outcome).isInstanceOf(DeliveryOutcome.Failed.class);
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
  }

  @Test
  void throwingExceptionAndDeadLetterHandlers_areContained() {
    RetryingHandlerInvoker fragile =
        new RetryingHandlerInvoker(
            failure -> {
              throw new IllegalStateException("exception handler broke");
            },
            letter -> {
              throw new IllegalStateException("dead-letter handler broke");
            },
            waits::add,
            clock,
            (subscriber, event) -> retries.incrementAndGet());
    AtomicInteger calls = new AtomicInteger();

    DeliveryOutcome outcome = fragile.invoke(failingTimes(1, calls, RetryPolicy.none()), "e");

    assertThat(((DeliveryOutcome.Failed) outcome).deadLettered()).isFalse();
  }

  @Test
  void aThrowingRetryPredicate_endsRetriesAndTravelsWithTheFailure() {
    AtomicInteger calls = new AtomicInteger();
    IllegalStateException broken = new IllegalStateException("predicate broke");
    RetryPolicy policy =
        RetryPolicy.fixed(5, Duration.ZERO).toBuilder()
            .retryOn(
                failure -> {
                  throw broken;
                })
            .build();

    DeliveryOutcome outcome = invoker.invoke(failingTimes(10, calls, policy), "e");

    assertThat(calls.get()).isEqualTo(1);
    HandlerFailure failure = ((DeliveryOutcome.Failed) outcome).failure();
    assertThat(failure.cause()).hasMessage("call 1");
    assertThat(failure.cause().getSuppressed()).containsExactly(broken);
  }
}
