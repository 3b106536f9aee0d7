package dev.eventbus.processors.async;

import static dev.eventbus.processors.async.AsyncTestSupport.asyncConfig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.EventBusStats;
import dev.eventbus.api.HandlerFailure;
import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import dev.eventbus.processors.async.AsyncTestSupport.Ev;
import dev.eventbus.testkit.FailingHandler;
import dev.eventbus.testkit.RecordingExceptionHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * Retries wait on the worker's timer: with a virtual-time scheduler every attempt happens at an
 * exact virtual instant, and nothing sleeps. Immediate work runs as it is scheduled, so each
 * publish below has delivered whatever it could by the time it returns.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AsyncRetryVirtualTimeTest {

  /** Three attempts, 100 ms then 200 ms apart, no jitter. */
  private static final RetryPolicy THREE_ATTEMPTS =
      RetryPolicy.exponential(3, Duration.ofMillis(100), Duration.ofSeconds(10)).toBuilder()
          .jitter(0)
          .build();

  private static String keyA = "";
  private static String keyB = "";

  private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
  private final RecordingExceptionHandler failures = new RecordingExceptionHandler();
  private final List<HandlerFailure> deadLetters = Collections.synchronizedList(new ArrayList<>());
  private UnifiedEventBus bus;

  @BeforeAll
  static void findKeysOnTwoShards() throws Exception {
    List<String> keys = AsyncTestSupport.keysOnDistinctShards(2, 2);
    keyA = keys.get(0);
    keyB = keys.get(1);
  }

  @BeforeEach
  void createBus() {
    bus =
        EventBusFactory.builder()
            .config(asyncConfig(2, 100, OverflowPolicy.FAIL, Duration.ZERO))
            .modes(ProcessingMode.ASYNC)
            .scheduler(time)
            .exceptionHandler(failures)
            .deadLetterHandler(deadLetters::add)
            .build();
  }

  @AfterEach
  void stopBus() {
    bus.stop(Duration.ofSeconds(5));
    time.dispose();
  }

  private static SubscriptionOptions retrying(String name) {
    return SubscriptionOptions.builder().name(name).retryPolicy(THREE_ATTEMPTS).build();
  }

  private long nowMillis() {
    return time.now(TimeUnit.MILLISECONDS);
  }

  @Test
  void failedAttempts_retryAtTheBackoffInstants_otherShardsGoOn_sameKeyWaitsInOrder() {
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger failuresLeft = new AtomicInteger(2);
    bus.subscribe(
        Ev.class,
        event -> {
          calls.add(event.seq() + "@" + nowMillis());
          if (event.seq() == 0 && failuresLeft.getAndDecrement() > 0) {
            throw new IllegalStateException("not yet");
          }
        },
        retrying("flaky"));

    bus.publish(Ev.of("e", keyA, 0));
    bus.publish(Ev.of("e", keyA, 1));
    bus.publish(Ev.of("e", keyB, 2));
    assertThat(calls).as("at 0 ms").containsExactly("0@0", "2@0");

    time.advanceTimeBy(Duration.ofMillis(99));
    assertThat(calls).as("at 99 ms").containsExactly("0@0", "2@0");

    time.advanceTimeBy(Duration.ofMillis(1));
    assertThat(calls).as("at 100 ms").containsExactly("0@0", "2@0", "0@100");

    bus.publish(Ev.of("e", keyB, 3));
    assertThat(calls).as("other shard, at 100 ms").containsExactly("0@0", "2@0", "0@100", "3@100");

    time.advanceTimeBy(Duration.ofMillis(199));
    assertThat(calls).as("at 299 ms").hasSize(4);

    time.advanceTimeBy(Duration.ofMillis(1));
    assertThat(calls)
        .as("at 300 ms: third attempt succeeds, then the key's next event")
        .containsExactly("0@0", "2@0", "0@100", "3@100", "0@300", "1@300");

    EventBusStats stats = bus.stats();
    assertThat(stats.retried()).isEqualTo(2);
    assertThat(stats.delivered()).isEqualTo(4);
    assertThat(stats.failed()).isZero();
    assertThat(stats.pending()).isZero();
    assertThat(deadLetters).isEmpty();
    assertThat(failures.failures()).isEmpty();
  }

  @Test
  void exhaustedRetries_goToTheDeadLetterHandlerWithTheAttemptCount() throws Exception {
    IllegalStateException boom = new IllegalStateException("boom");
    FailingHandler<Object> doomed = FailingHandler.throwing("doomed", boom);
    bus.subscribe("e", doomed, retrying("doomed"));
    Ev event = Ev.of("e", keyA, 0);

    CompletableFuture<PublishResult> future = bus.publishAsync(event);
    assertThat(doomed.calls()).isEqualTo(1);
    time.advanceTimeBy(Duration.ofMillis(99));
    assertThat(doomed.calls()).isEqualTo(1);
    time.advanceTimeBy(Duration.ofMillis(1));
    assertThat(doomed.calls()).isEqualTo(2);
    time.advanceTimeBy(Duration.ofMillis(199));
    assertThat(doomed.calls()).isEqualTo(2);
    assertThat(future).isNotDone();
    assertThat(deadLetters).isEmpty();
    time.advanceTimeBy(Duration.ofMillis(1));

    assertThat(doomed.calls()).isEqualTo(3);
    assertThat(deadLetters).hasSize(1);
    HandlerFailure letter = deadLetters.get(0);
    assertThat(letter.attempts()).isEqualTo(3);
    assertThat(letter.subscriptionName()).isEqualTo("doomed");
    assertThat(letter.cause()).isSameAs(boom);
    assertThat(letter.event()).isEqualTo(event);
    assertThat(failures.failures()).extracting(HandlerFailure::attempts).containsExactly(3);
    PublishResult result = future.getNow(null);
    assertThat(result).isNotNull();
    assertThat(result.failed()).isEqualTo(1);
    assertThat(result.deadLettered()).isEqualTo(1);
    EventBusStats stats = bus.stats();
    assertThat(stats.retried()).isEqualTo(2);
    assertThat(stats.failed()).isEqualTo(1);
    assertThat(stats.deadLettered()).isEqualTo(1);
    assertThat(stats.delivered()).isZero();
    assertThat(stats.pending()).isZero();
    time.advanceTimeBy(Duration.ofSeconds(60));
    assertThat(doomed.calls()).as("no attempt after the last").isEqualTo(3);
  }
}
