package dev.eventbus.processors.async;

import static dev.eventbus.processors.async.AsyncTestSupport.TIMEOUT;
import static dev.eventbus.processors.async.AsyncTestSupport.asyncConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.eventbus.api.DroppedDelivery;
import dev.eventbus.api.EventBusOverloadedException;
import dev.eventbus.api.EventBusStats;
import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import dev.eventbus.processors.async.AsyncTestSupport.Drops;
import dev.eventbus.processors.async.AsyncTestSupport.Ev;
import dev.eventbus.processors.async.AsyncTestSupport.Gate;
import dev.eventbus.processors.async.AsyncTestSupport.Worker;
import dev.eventbus.testkit.RecordingHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each overflow policy on one shard whose queue holds {@value #CAPACITY} deliveries. A gate holds
 * the shard's worker, so the queue fills exactly as the test publishes.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AsyncOverflowPolicyTest {

  private static final int CAPACITY = 3;

  private final Drops drops = new Drops();
  private final Gate gate = new Gate(1);
  private final RecordingHandler<Object> work = RecordingHandler.named("work");
  private @Nullable UnifiedEventBus bus;

  @AfterEach
  void stopBus() {
    gate.release();
    if (bus != null) {
      bus.stop(TIMEOUT);
    }
  }

  /** A one-shard bus whose worker is held by the gate, with {@code work} subscribed to "work". */
  private UnifiedEventBus heldBus(
      OverflowPolicy policy, Duration blockTimeout, SubscriptionOptions workOptions)
      throws InterruptedException {
    UnifiedEventBus created =
        EventBusFactory.builder()
            .config(asyncConfig(1, CAPACITY, policy, blockTimeout))
            .dropListener(drops)
            .build();
    bus = created;
    created.subscribe("gate", gate);
    created.subscribe("work", work, workOptions);
    created.publish(Ev.of("gate", "gate", 0));
    gate.awaitHeld();
    return created;
  }

  private UnifiedEventBus heldBus(OverflowPolicy policy) throws InterruptedException {
    return heldBus(policy, Duration.ofSeconds(30), SubscriptionOptions.defaults());
  }

  private static Ev work(int seq) {
    return Ev.of("work", "key", seq);
  }

  /** Fills the queue with work 0 .. CAPACITY-1, each accepted as pending. */
  private static void fill(UnifiedEventBus target) {
    for (int seq = 0; seq < CAPACITY; seq++) {
      assertThat(target.publish(work(seq)).pending()).isEqualTo(1);
    }
  }

  /** Lets the worker go, stops the bus (which drains it) and returns the final stats. */
  private EventBusStats releaseAndStop(UnifiedEventBus target) {
    gate.release();
    assertThat(target.stop(TIMEOUT).completedInTime()).isTrue();
    return target.stats();
  }

  @Test
  void fail_refusesTheDeliveryWithTheResult_countsIt_andTellsTheDropListener() throws Exception {
    UnifiedEventBus target = heldBus(OverflowPolicy.FAIL);
    fill(target);

    EventBusOverloadedException refused =
        catchThrowableOfType(EventBusOverloadedException.class, () -> target.publish(work(3)));
    CompletableFuture<PublishResult> refusedAsync = target.publishAsync(work(4));

    assertThat(refused).isNotNull();
    PublishResult result = refused.result().orElseThrow();
    assertThat(result.subscribers()).isEqualTo(1);
    assertThat(result.dropped()).isEqualTo(1);
    assertThat(result.pending()).isZero();
    assertThat(refusedAsync).isCompletedExceptionally();
    assertThatThrownBy(refusedAsync::get)
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(EventBusOverloadedException.class);
    assertThat(target.stats().dropped()).isEqualTo(2);
    assertThat(drops.events()).containsExactly(work(3), work(4));
    assertThat(drops.all()).extracting(DroppedDelivery::subscriptionName).containsOnly("work");

    EventBusStats stats = releaseAndStop(target);
    assertThat(work.events()).containsExactly(work(0), work(1), work(2));
    assertThat(stats.published()).isEqualTo(6);
    assertThat(stats.delivered()).isEqualTo(4);
    assertThat(stats.dropped()).isEqualTo(2);
    assertThat(stats.pending()).isZero();
  }

  @Test
  void dropNewest_dropsExactlyTheArrivals_andDeliversTheRest() throws Exception {
    UnifiedEventBus target = heldBus(OverflowPolicy.DROP_NEWEST);
    fill(target);

    List<PublishResult> overflow = new ArrayList<>();
    for (int seq = CAPACITY; seq < CAPACITY + 5; seq++) {
      overflow.add(target.publish(work(seq)));
    }

    assertThat(overflow).extracting(PublishResult::dropped).containsOnly(1);
    assertThat(overflow).extracting(PublishResult::pending).containsOnly(0);
    assertThat(drops.events()).containsExactly(work(3), work(4), work(5), work(6), work(7));
    EventBusStats stats = releaseAndStop(target);
    assertThat(work.events()).containsExactly(work(0), work(1), work(2));
    assertThat(stats.dropped()).isEqualTo(5);
    assertThat(stats.delivered()).isEqualTo(1 + CAPACITY);
    assertThat(stats.pending()).isZero();
  }

  @Test
  void dropOldest_dropsTheSubscriptionsOwnOldestQueued_andSettlesTheirFuturesAtOnce()
      throws Exception {
    UnifiedEventBus target = heldBus(OverflowPolicy.DROP_OLDEST);
    RecordingHandler<Object> other = RecordingHandler.named("other");
    target.subscribe("other", other);
    Ev older = Ev.of("other", "key", 100);
    CompletableFuture<PublishResult> olderFuture = target.publishAsync(older);
    List<CompletableFuture<PublishResult>> futures = new ArrayList<>();
    for (int seq = 0; seq < 6; seq++) {
      futures.add(target.publishAsync(work(seq)));
    }

    // The queue holds "other" plus two of work's; each arrival pushed out work's oldest.
    assertThat(drops.events()).containsExactly(work(0), work(1), work(2), work(3));
    for (int seq = 0; seq < 4; seq++) {
      PublishResult dropped = futures.get(seq).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(dropped.dropped()).as("work #%d", seq).isEqualTo(1);
    }
    assertThat(futures.get(4)).isNotDone();
    assertThat(olderFuture).isNotDone();

    EventBusStats stats = releaseAndStop(target);
    assertThat(other.events()).containsExactly(older);
    assertThat(work.events()).containsExactly(work(4), work(5));
    assertThat(futures.get(5).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).delivered())
        .isEqualTo(1);
    assertThat(stats.dropped()).isEqualTo(4);
    assertThat(stats.delivered()).isEqualTo(1 + 1 + 2);
    assertThat(stats.pending()).isZero();
  }

  @Test
  void dropOldest_withOnlyOtherSubscriptionsQueued_dropsTheArrival() throws Exception {
    UnifiedEventBus target = heldBus(OverflowPolicy.DROP_OLDEST);
    target.subscribe("other", RecordingHandler.named("other"));
    for (int seq = 0; seq < CAPACITY; seq++) {
      target.publish(Ev.of("other", "key", seq));
    }

    PublishResult result = target.publish(work(0));

    assertThat(result.dropped()).isEqualTo(1);
    assertThat(drops.events()).containsExactly(work(0));
    EventBusStats stats = releaseAndStop(target);
    assertThat(work.events()).isEmpty();
    assertThat(stats.dropped()).isEqualTo(1);
    assertThat(stats.delivered()).isEqualTo(1 + CAPACITY);
  }

  @Test
  void block_holdsThePublisherUntilTheWorkerMakesRoom_thenAccepts() throws Exception {
    UnifiedEventBus target = heldBus(OverflowPolicy.BLOCK);
    fill(target);
    AtomicReference<@Nullable PublishResult> blockedResult = new AtomicReference<>();
    Worker publisher =
        new Worker("blocked-publisher", () -> blockedResult.set(target.publish(work(3))));
    publisher.start();
    AsyncTestSupport.awaitTimedWaitIn(publisher, "offer");
    assertThat(blockedResult.get()).isNull();

    gate.release();

    assertThat(publisher.awaitEnd()).isNull();
    assertThat(blockedResult.get()).isNotNull();
    assertThat(blockedResult.get().pending() + blockedResult.get().delivered()).isEqualTo(1);
    assertThat(work.awaitCount(4, TIMEOUT)).containsExactly(work(0), work(1), work(2), work(3));
    EventBusStats stats = releaseAndStop(target);
    assertThat(stats.dropped()).isZero();
    assertThat(stats.delivered()).isEqualTo(1 + 4);
    assertThat(drops.all()).isEmpty();
  }

  @Test
  void block_givesUpAfterTheBlockTimeout_failingThePublish_countingAndReportingTheDrop()
      throws Exception {
    Duration blockTimeout = Duration.ofMillis(100);
    UnifiedEventBus target =
        heldBus(OverflowPolicy.BLOCK, blockTimeout, SubscriptionOptions.defaults());
    fill(target);

    long start = System.nanoTime();
    EventBusOverloadedException refused =
        catchThrowableOfType(EventBusOverloadedException.class, () -> target.publish(work(3)));
    Duration waited = Duration.ofNanos(System.nanoTime() - start);

    assertThat(refused).isNotNull();
    assertThat(waited).isGreaterThanOrEqualTo(blockTimeout);
    assertThat(refused.result().orElseThrow().dropped()).isEqualTo(1);
    assertThat(drops.events()).containsExactly(work(3));
    EventBusStats stats = releaseAndStop(target);
    assertThat(work.events()).containsExactly(work(0), work(1), work(2));
    assertThat(stats.dropped()).isEqualTo(1);
  }

  @Test
  void subscriptionOverflowPolicy_overridesTheBusDefault() throws Exception {
    UnifiedEventBus target =
        heldBus(
            OverflowPolicy.FAIL,
            Duration.ZERO,
            SubscriptionOptions.builder().overflowPolicy(OverflowPolicy.DROP_NEWEST).build());
    RecordingHandler<Object> strict = RecordingHandler.named("strict");
    target.subscribe("strict", strict);
    fill(target);

    PublishResult dropped = target.publish(work(3));

    assertThat(dropped.dropped()).isEqualTo(1);
    assertThatThrownBy(() -> target.publish(Ev.of("strict", "key", 0)))
        .isInstanceOf(EventBusOverloadedException.class);
    assertThat(drops.events()).containsExactly(work(3), Ev.of("strict", "key", 0));
    EventBusStats stats = releaseAndStop(target);
    assertThat(work.events()).containsExactly(work(0), work(1), work(2));
    assertThat(strict.events()).isEmpty();
    assertThat(stats.dropped()).isEqualTo(2);
  }

  @Test
  void block_fromAHandlerIntoItsOwnFullShard_failsAtOnceInsteadOfDeadlocking() throws Exception {
    Duration blockTimeout = Duration.ofSeconds(60);
    UnifiedEventBus target =
        EventBusFactory.builder()
            .config(asyncConfig(1, 1, OverflowPolicy.BLOCK, blockTimeout))
            .dropListener(drops)
            .build();
    bus = target;
    target.subscribe("work", work);
    AtomicReference<@Nullable EventBusOverloadedException> caught = new AtomicReference<>();
    AtomicLong waitedNanos = new AtomicLong(-1);
    target.subscribe(
        "trigger",
        event -> {
          target.publish(work(0));
          long start = System.nanoTime();
          try {
            target.publish(work(1));
          } catch (EventBusOverloadedException refused) {
            caught.set(refused);
          }
          waitedNanos.set(System.nanoTime() - start);
        });

    target.publishAsync(Ev.of("trigger", "key", 0)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

    EventBusOverloadedException refused = caught.get();
    assertThat(refused).as("the nested publish was refused").isNotNull();
    assertThat(Duration.ofNanos(waitedNanos.get())).isLessThan(blockTimeout.dividedBy(4));
    assertThat(refused.result().orElseThrow().dropped()).isEqualTo(1);
    assertThat(work.awaitCount(1, TIMEOUT)).containsExactly(work(0));
    assertThat(drops.events()).containsExactly(work(1));
    assertThat(target.stop(TIMEOUT).completedInTime()).isTrue();
    EventBusStats stats = target.stats();
    assertThat(work.events()).containsExactly(work(0));
    assertThat(stats.dropped()).isEqualTo(1);
    assertThat(stats.delivered()).isEqualTo(2);
  }
}
