package dev.eventbus.processors.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.AdaptiveConfig;
import dev.eventbus.api.DroppedDelivery;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.ShutdownReport;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A publish that passed the running check before {@code stop} and reaches the processor after it
 * (here held in a subscription filter) is the first event of its subscription, so the processor
 * makes the subscription's queue only then. It must still be settled: delivered, or dropped and
 * reported, never left pending with its future open.
 *
 * <p>Each held publish runs on a thread of the test's own: the filter blocks it, so two held
 * publishes need two threads, which the common pool does not promise. It has one thread on two
 * cores; JDK 17's {@code CompletableFuture} then gave each default async task a thread of its own,
 * JDK 25's queues them all on that one thread.
 */
class PublishAcrossStopTest {

  /** Threads for publishes that a filter holds, one each; shut down after every test. */
  private final ExecutorService publishers = Executors.newCachedThreadPool();

  @AfterEach
  void shutDownPublishers() throws InterruptedException {
    publishers.shutdownNow(); // a publish still held in a filter is interrupted and returns
    assertThat(publishers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  /** Publishes on a thread of its own, which the subscription's filter may hold. */
  private CompletableFuture<CompletableFuture<PublishResult>> publishHeld(
      UnifiedEventBus bus, String event) {
    return CompletableFuture.supplyAsync(() -> bus.publishAsync(event), publishers);
  }

  private Outcome publishAcrossStop(SubscriptionOptions.Builder options) throws Exception {
    return publishAcrossStop(options, false);
  }

  /**
   * @param warmOrderFree whether another order-free subscription got an event first, so that the
   *     processor's order-free scheduler exists when the bus stops
   */
  private Outcome publishAcrossStop(SubscriptionOptions.Builder options, boolean warmOrderFree)
      throws Exception {
    Queue<DroppedDelivery> drops = new ConcurrentLinkedQueue<>();
    UnifiedEventBus bus = EventBusFactory.builder().dropListener(drops::add).build();
    if (warmOrderFree) {
      bus.subscribe(
          Integer.class,
          event -> {},
          SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).concurrency(2).build());
      assertThat(bus.publishAsync(1).get(5, TimeUnit.SECONDS).delivered()).isEqualTo(1);
    }
    CountDownLatch inFilter = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger handled = new AtomicInteger();
    bus.subscribe(
        String.class,
        event -> handled.incrementAndGet(),
        options
            .filter(
                event -> {
                  inFilter.countDown();
                  try {
                    return release.await(10, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                  }
                })
            .build());
    CompletableFuture<CompletableFuture<PublishResult>> published = publishHeld(bus, "late");
    assertThat(inFilter.await(10, TimeUnit.SECONDS)).isTrue();

    // The held publish is in flight: the stop waits for it until its deadline, then names it.
    ShutdownReport report = bus.stop(Duration.ofMillis(100));
    release.countDown();

    PublishResult result = published.get(10, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
    return new Outcome(result, report, List.copyOf(drops), handled.get(), bus.stats().pending());
  }

  record Outcome(
      PublishResult result,
      ShutdownReport report,
      List<DroppedDelivery> drops,
      int handled,
      long pending) {}

  private static void assertSettled(Outcome outcome) {
    assertThat(outcome.report().completedInTime()).isFalse();
    assertThat(outcome.report().running())
        .as("the publish held in the filter, named at its subscription")
        .singleElement()
        .satisfies(running -> assertThat(running.subscriptionName()).isNotNull());
    assertThat(outcome.pending()).isZero();
    assertThat(outcome.result().pending()).isZero();
    assertThat(outcome.result().delivered() + outcome.result().dropped()).isEqualTo(1);
    assertThat(outcome.handled()).isEqualTo(outcome.result().delivered());
    assertThat(outcome.drops()).hasSize(outcome.result().dropped());
  }

  @Test
  void batch_theFirstEventOfASubscription_arrivingAfterStop_isDroppedAndReported()
      throws Exception {
    Outcome outcome = publishAcrossStop(SubscriptionOptions.builder().mode(ProcessingMode.BATCH));

    assertSettled(outcome);
    assertThat(outcome.result().dropped()).isEqualTo(1);
    assertThat(outcome.drops().get(0).reason()).isEqualTo("bus stopped");
  }

  @Test
  void async_anEventArrivingAfterStop_isDroppedAndReported() throws Exception {
    Outcome outcome = publishAcrossStop(SubscriptionOptions.builder().mode(ProcessingMode.ASYNC));

    assertSettled(outcome);
    assertThat(outcome.result().dropped()).isEqualTo(1);
  }

  @Test
  void asyncOrderFree_theFirstEventOfASubscription_arrivingAfterStop_isDroppedAndReported()
      throws Exception {
    Outcome outcome =
        publishAcrossStop(
            SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).concurrency(2), false);

    assertSettled(outcome);
    assertThat(outcome.result().dropped()).isEqualTo(1);
    assertThat(outcome.drops().get(0).reason()).isEqualTo("bus stopped");
  }

  @Test
  void asyncOrderFree_firstEventAfterStop_isDropped_whenTheOrderFreeSchedulerWasDisposed()
      throws Exception {
    Outcome outcome =
        publishAcrossStop(
            SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).concurrency(2), true);

    assertSettled(outcome);
    assertThat(outcome.result().dropped()).isEqualTo(1);
  }

  @Test
  void adaptive_theFirstEventOfASubscription_arrivingAfterStop_isDroppedAndReported()
      throws Exception {
    Outcome outcome =
        publishAcrossStop(SubscriptionOptions.builder().mode(ProcessingMode.ADAPTIVE));

    assertSettled(outcome);
    assertThat(outcome.result().dropped()).isEqualTo(1);
    assertThat(outcome.drops().get(0).reason()).isEqualTo("bus stopped");
  }

  /**
   * Two publishes held across the stop: before the fix the first made the adaptive state (and ran
   * inline), and the second, a window later, switched it to ASYNC and queued into a lane that the
   * stop never saw, so it stayed pending for good.
   */
  @Test
  void adaptive_laterEventsArrivingAfterStop_areSettledToo() throws Exception {
    Queue<DroppedDelivery> drops = new ConcurrentLinkedQueue<>();
    UnifiedEventBus bus =
        EventBusFactory.builder()
            .config(
                EventBusConfig.builder()
                    .adaptive(
                        AdaptiveConfig.builder()
                            .window(Duration.ofMillis(1))
                            .stableWindows(1)
                            .asyncLatencyThreshold(Duration.ofNanos(1))
                            .batchRateThreshold(1e12)
                            .build())
                    .build())
            .dropListener(drops::add)
            .build();
    CountDownLatch bothInFilter = new CountDownLatch(2);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    CountDownLatch releaseSecond = new CountDownLatch(1);
    bus.subscribe(
        String.class,
        event -> {},
        SubscriptionOptions.builder()
            .mode(ProcessingMode.ADAPTIVE)
            .filter(
                event -> {
                  bothInFilter.countDown();
                  try {
                    return (event.equals("first") ? releaseFirst : releaseSecond)
                        .await(10, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                  }
                })
            .build());
    CompletableFuture<CompletableFuture<PublishResult>> first = publishHeld(bus, "first");
    CompletableFuture<CompletableFuture<PublishResult>> second = publishHeld(bus, "second");
    assertThat(bothInFilter.await(10, TimeUnit.SECONDS)).isTrue();

    bus.stop(Duration.ofMillis(100)); // waits for the two held publishes until its deadline
    releaseFirst.countDown();
    PublishResult firstResult = first.get(10, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
    long windowLater = System.nanoTime() + Duration.ofMillis(5).toNanos();
    Poll.until(() -> System.nanoTime() - windowLater > 0, Duration.ofSeconds(5), () -> "a window");
    releaseSecond.countDown();
    PublishResult secondResult = second.get(10, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);

    assertThat(firstResult.pending() + secondResult.pending()).isZero();
    assertThat(bus.stats().pending()).isZero();
  }
}
