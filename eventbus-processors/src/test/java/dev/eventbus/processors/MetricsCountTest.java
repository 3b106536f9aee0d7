package dev.eventbus.processors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.AsyncConfig;
import dev.eventbus.api.BatchConfig;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.EventBusStats;
import dev.eventbus.api.LatencySummary;
import dev.eventbus.api.MetricsConfig;
import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.ShutdownReport;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.SubscriptionStats;
import dev.eventbus.api.TypeStats;
import dev.eventbus.api.UnifiedEventBus;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Metrics count exactly under a known workload, in every mode (the bus's default mode is the mode
 * under test): 3 event types, 4 subscriptions — one filtered, one failing with retries into dead
 * letters, one batch, one asynchronous with a small queue that drops the newest (and a fence).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ProcessingMode.class)
class MetricsCountTest {

  record Alpha(int n) {}

  record Beta(int n) {}

  record Gamma(int n) {}

  /** Published once the other types are queued; its handler running means the lane drained. */
  record Fence() {}

  private static final int ALPHAS = 10;
  private static final int BETAS = 4;
  private static final int ATTEMPTS = 3;
  private static final int QUEUE = 8;
  private static final int GAMMAS_WHILE_BLOCKED = QUEUE + 5;
  private static final int BATCH = 5;

  @Parameter ProcessingMode mode;

  private UnifiedEventBus bus(boolean metrics) {
    return EventBusFactory.createWithConfig(
        EventBusConfig.builder()
            .defaultMode(mode)
            .async(AsyncConfig.builder().shards(1).queueSize(QUEUE).build())
            // Batches flush on size only (or at stop): their sizes are known. Batch queues hold
            // QUEUE
            // events, so batches must fill below that.
            .batch(
                BatchConfig.builder()
                    .adaptiveBatching(false)
                    .minBatchSize(1)
                    .defaultBatchSize(QUEUE / 2)
                    .batchInterval(Duration.ofSeconds(30))
                    .build())
            .metrics(MetricsConfig.builder().enabled(metrics).build())
            .build());
  }

  /** The subscriptions and the workload; returns the sampled handler's shortest measured call. */
  private static final class Workload {
    final Subscription evens;
    final Subscription failing;
    final Subscription batch;
    final Subscription drop;
    final Subscription fence;
    final AtomicLong shortestEvenNanos = new AtomicLong(Long.MAX_VALUE);
    long droppedByResults;

    Workload(UnifiedEventBus bus) throws InterruptedException {
      CountDownLatch entered = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      evens =
          bus.subscribe(
              Alpha.class,
              event -> {
                long start = System.nanoTime();
                // Work of a known least length for the latency sample, not a wait for anything.
                Thread.sleep(1);
                shortestEvenNanos.accumulateAndGet(System.nanoTime() - start, Math::min);
              },
              SubscriptionOptions.builder()
                  .name("evens")
                  .filter(event -> ((Alpha) event).n() % 2 == 0)
                  .build());
      failing =
          bus.subscribe(
              Beta.class,
              event -> {
                throw new IllegalStateException("fails " + event);
              },
              SubscriptionOptions.builder()
                  .name("failing")
                  .retryPolicy(RetryPolicy.fixed(ATTEMPTS, Duration.ofMillis(1)))
                  .build());
      batch =
          bus.subscribe(
              Alpha.class,
              event -> {},
              SubscriptionOptions.builder()
                  .name("batch")
                  .mode(ProcessingMode.BATCH)
                  .batchSize(BATCH)
                  .build());
      drop =
          bus.subscribe(
              Gamma.class,
              event -> {
                if (event.n() == 0) {
                  entered.countDown();
                  release.await();
                }
              },
              SubscriptionOptions.builder()
                  .name("drop")
                  .mode(ProcessingMode.ASYNC)
                  .overflowPolicy(OverflowPolicy.DROP_NEWEST)
                  .build());
      CountDownLatch fenced = new CountDownLatch(1);
      fence =
          bus.subscribe(
              Fence.class,
              event -> fenced.countDown(),
              SubscriptionOptions.builder().name("fence").mode(ProcessingMode.ASYNC).build());
      for (int i = 0; i < ALPHAS; i++) {
        bus.publish(new Alpha(i));
      }
      for (int i = 0; i < BETAS; i++) {
        bus.publish(new Beta(i));
      }
      // Wait until the lane has run everything queued so far, so that Gamma 0 finds room even on a
      // slow machine (DROP_NEWEST would drop it from a full queue).
      bus.publish(new Fence());
      assertThat(fenced.await(30, TimeUnit.SECONDS)).isTrue();
      // One shard: Gamma 0 runs after everything queued before it, then holds the lane.
      bus.publish(new Gamma(0));
      assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
      for (int i = 1; i <= GAMMAS_WHILE_BLOCKED; i++) {
        PublishResult result = bus.publish(new Gamma(i));
        droppedByResults += result.dropped();
      }
      release.countDown();
    }
  }

  @Test
  void countsExactlyPerTypeAndPerSubscription() throws InterruptedException {
    UnifiedEventBus bus = bus(true);
    Workload workload = new Workload(bus);
    ShutdownReport report = bus.stop(Duration.ofSeconds(30));
    assertThat(report.completedInTime()).isTrue();
    EventBusStats stats = bus.stats();

    int gammas = 1 + GAMMAS_WHILE_BLOCKED;
    int dropped = GAMMAS_WHILE_BLOCKED - QUEUE;
    assertThat(workload.droppedByResults).isEqualTo(dropped);
    assertThat(stats.byType())
        .containsExactly(
            new TypeStats(
                Alpha.class.getName(), ALPHAS, 0, ALPHAS / 2 + ALPHAS, ALPHAS / 2, 0, 0, 0, 0, 0),
            new TypeStats(
                Beta.class.getName(),
                BETAS,
                0,
                0,
                0,
                BETAS,
                (long) BETAS * (ATTEMPTS - 1),
                BETAS,
                0,
                0),
            new TypeStats(Fence.class.getName(), 1, 0, 1, 0, 0, 0, 0, 0, 0),
            new TypeStats(
                Gamma.class.getName(), gammas, 0, gammas - dropped, 0, 0, 0, 0, dropped, 0));
    assertThat(stats.published()).isEqualTo(ALPHAS + BETAS + 1 + gammas);
    assertThat(stats.delivered()).isEqualTo(ALPHAS / 2 + ALPHAS + 1 + gammas - dropped);
    assertThat(stats.filtered()).isEqualTo(ALPHAS / 2);
    assertThat(stats.failed()).isEqualTo(BETAS);
    assertThat(stats.retried()).isEqualTo(BETAS * (ATTEMPTS - 1));
    assertThat(stats.deadLettered()).isEqualTo(BETAS);
    assertThat(stats.dropped()).isEqualTo(dropped);
    assertThat(stats.pending()).isZero();

    assertThat(stats.bySubscription())
        .extracting(SubscriptionStats::subscriptionName)
        .containsExactly("evens", "failing", "batch", "drop", "fence");
    SubscriptionStats evens = stats.subscription(workload.evens.id()).orElseThrow();
    assertThat(counts(evens)).containsExactly(ALPHAS / 2L, ALPHAS / 2L, 0L, 0L, 0L, 0L, 0L);
    SubscriptionStats failing = stats.subscription(workload.failing.id()).orElseThrow();
    assertThat(counts(failing))
        .containsExactly(0L, 0L, (long) BETAS, (long) BETAS * (ATTEMPTS - 1), (long) BETAS, 0L, 0L);
    SubscriptionStats batch = stats.subscription(workload.batch.id()).orElseThrow();
    assertThat(counts(batch)).containsExactly((long) ALPHAS, 0L, 0L, 0L, 0L, 0L, 0L);
    assertThat(batch.lastBatchSize()).isEqualTo(BATCH);
    assertThat(batch.meanBatchSize()).isEqualTo((double) BATCH);
    assertThat(batch.mode()).isEqualTo(ProcessingMode.BATCH);
    SubscriptionStats drop = stats.subscription(workload.drop.id()).orElseThrow();
    assertThat(counts(drop))
        .containsExactly((long) gammas - dropped, 0L, 0L, 0L, 0L, (long) dropped, 0L);
    assertThat(drop.mode()).isEqualTo(ProcessingMode.ASYNC);
    assertThat(drop.eventType()).isEqualTo(Gamma.class.getName());

    // A SYNC call is timed for the first publish of a type on a thread and every 64th after it,
    // one subscriber of the type in turn (here the first of each type: evens for Alpha 0, failing
    // for Beta 0); any other subscription's for every 64th call it gets (here its first).
    LatencySummary latency = evens.latency();
    assertThat(latency.samples()).isEqualTo(1);
    assertThat(latency.p50Nanos()).isPositive();
    assertThat(latency.p99Nanos()).isGreaterThanOrEqualTo(latency.p50Nanos());
    assertThat(latency.maxNanos()).isGreaterThanOrEqualTo(latency.p99Nanos());
    // The timed call slept at least as long as the shortest call the handler measured itself.
    assertThat(latency.maxNanos()).isGreaterThanOrEqualTo(workload.shortestEvenNanos.get());
    assertThat(failing.latency().samples()).isEqualTo(1);
    assertThat(drop.latency().samples()).isEqualTo(1);
    assertThat(drop.latency().maxNanos()).isPositive();
  }

  @Test
  void countsNothingWithMetricsOff() throws InterruptedException {
    UnifiedEventBus bus = bus(false);
    new Workload(bus);
    bus.stop(Duration.ofSeconds(30));
    EventBusStats stats = bus.stats();

    assertThat(stats.byType()).isEmpty();
    assertThat(stats.bySubscription()).isEmpty();
    assertThat(stats.published()).isZero();
    assertThat(stats.delivered()).isZero();
    assertThat(stats.retried()).isZero();
    assertThat(stats.dropped()).isZero();
    assertThat(stats.subscriptions()).isEqualTo(5);
  }

  private static long[] counts(SubscriptionStats stats) {
    return new long[] {
      stats.delivered(),
      stats.filtered(),
      stats.failed(),
      stats.retried(),
      stats.deadLettered(),
      stats.dropped(),
      stats.queueDepth()
    };
  }
}
