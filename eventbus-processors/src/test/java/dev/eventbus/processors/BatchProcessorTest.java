package dev.eventbus.processors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.BatchConfig;
import dev.eventbus.api.BatchEventHandler;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.PartialBatchFailureException;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.ShutdownReport;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.testkit.RecordingExceptionHandler;
import dev.eventbus.testkit.RecordingHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchProcessorTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final RecordingExceptionHandler failures = new RecordingExceptionHandler();
  private final BatchProcessor processor = new BatchProcessor(null);
  private UnifiedEventBus bus;

  private UnifiedEventBus bus(BatchConfig batch) {
    bus =
        EventBusFactory.builder()
            .processor(processor)
            .config(EventBusConfig.builder().batch(batch).build())
            .exceptionHandler(failures)
            .build();
    return bus;
  }

  @AfterEach
  void close() {
    if (bus != null) {
      bus.close();
    }
  }

  /** A batch handler that records each batch. */
  private static final class Batches implements BatchEventHandler<Integer> {
    final List<List<Integer>> batches = new ArrayList<>();
    final AtomicInteger events = new AtomicInteger();

    @Override
    public synchronized void handleBatch(List<Integer> batch) {
      batches.add(List.copyOf(batch));
      events.addAndGet(batch.size());
      notifyAll();
    }

    synchronized List<List<Integer>> awaitEvents(int count) throws InterruptedException {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (events.get() < count && System.nanoTime() < deadline) {
        wait(10);
      }
      assertThat(events.get()).as("events handled").isEqualTo(count);
      return List.copyOf(batches);
    }
  }

  private static SubscriptionOptions batchOf(int size) {
    return SubscriptionOptions.builder().mode(ProcessingMode.BATCH).batchSize(size).build();
  }

  @Test
  void aBatchHandler_getsFullBatchesInPublishOrder() throws Exception {
    bus(BatchConfig.builder().adaptiveBatching(false).batchInterval(Duration.ofHours(1)).build());
    Batches handler = new Batches();
    bus.subscribe(Integer.class, handler, batchOf(4));

    for (int i = 0; i < 12; i++) {
      bus.publish(i);
    }

    assertThat(handler.awaitEvents(12))
        .containsExactly(List.of(0, 1, 2, 3), List.of(4, 5, 6, 7), List.of(8, 9, 10, 11));
  }

  @Test
  void aBatchHandler_subscribedByTypeNameAndPayloadType_getsWholeBatchesOfItsTypeOnly()
      throws Exception {
    bus(BatchConfig.builder().adaptiveBatching(false).batchInterval(Duration.ofHours(1)).build());
    Batches handler = new Batches();
    bus.subscribe("*", Integer.class, handler, batchOf(4));

    for (int i = 0; i < 8; i++) {
      bus.publish(i);
      bus.publish("not an integer " + i);
    }

    assertThat(handler.awaitEvents(8)).containsExactly(List.of(0, 1, 2, 3), List.of(4, 5, 6, 7));
  }

  @Test
  void aPartialBatch_flushesAfterTheInterval() throws Exception {
    bus(BatchConfig.builder().adaptiveBatching(false).batchInterval(Duration.ofMillis(20)).build());
    Batches handler = new Batches();
    bus.subscribe(Integer.class, handler, batchOf(100));

    CompletableFuture<PublishResult> first = bus.publishAsync(1);
    bus.publish(2);

    assertThat(first.get(10, TimeUnit.SECONDS).delivered()).isEqualTo(1);
    assertThat(handler.awaitEvents(2)).containsExactly(List.of(1, 2));
  }

  @Test
  void aPlainHandler_inBatchMode_getsTheEventsOneByOneOffThePublisherThread() throws Exception {
    bus(BatchConfig.builder().adaptiveBatching(false).batchInterval(Duration.ofMillis(5)).build());
    List<String> threads = new ArrayList<>();
    RecordingHandler<Integer> handler =
        RecordingHandler.<Integer>named("plain")
            .then(
                event -> {
                  synchronized (threads) {
                    threads.add(Thread.currentThread().getName());
                  }
                });
    bus.subscribe(Integer.class, handler, batchOf(3));

    for (int i = 0; i < 7; i++) {
      bus.publish(i);
    }

    assertThat(handler.awaitCount(7, TIMEOUT)).containsExactly(0, 1, 2, 3, 4, 5, 6);
    assertThat(threads).doesNotContain(Thread.currentThread().getName());
  }

  @Test
  void timerFlushesRacingSizeFlushes_keepPublishOrder() throws Exception {
    bus(
        BatchConfig.builder()
            .adaptiveBatching(false)
            .minBatchSize(1)
            .batchInterval(Duration.ofNanos(200_000))
            .build());
    Batches handler = new Batches();
    bus.subscribe(Integer.class, handler, batchOf(7));

    for (int i = 0; i < 20_000; i++) {
      bus.publish(i);
    }

    List<Integer> received = new ArrayList<>();
    handler.awaitEvents(20_000).forEach(received::addAll);
    assertThat(received).isSorted().hasSize(20_000);
  }

  @Test
  void aFailingBatch_isRetriedWhole_thenEveryEventFails() throws Exception {
    bus(BatchConfig.builder().adaptiveBatching(false).batchInterval(Duration.ofHours(1)).build());
    AtomicInteger calls = new AtomicInteger();
    BatchEventHandler<Integer> failing =
        batch -> {
          calls.incrementAndGet();
          throw new IllegalStateException("batch of " + batch.size() + " refused");
        };
    bus.subscribe(
        Integer.class,
        failing,
        batchOf(3).toBuilder().retryPolicy(RetryPolicy.fixed(3, Duration.ZERO)).build());

    List<CompletableFuture<PublishResult>> results = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      results.add(bus.publishAsync(i));
    }
    for (CompletableFuture<PublishResult> result : results) {
      PublishResult done = result.get(10, TimeUnit.SECONDS);
      assertThat(done.failed()).isEqualTo(1);
      assertThat(done.failures().get(0).attempts()).isEqualTo(3);
    }

    assertThat(calls.get()).isEqualTo(3);
    assertThat(failures.failures()).hasSize(3);
    assertThat(bus.stats().retried()).isEqualTo(2);
    assertThat(bus.stats().failed()).isEqualTo(3);
  }

  @Test
  void aPartialBatchFailure_failsOnlyTheNamedEvents_withTheirOwnCauses_andIsNotRetried()
      throws Exception {
    bus(BatchConfig.builder().adaptiveBatching(false).batchInterval(Duration.ofHours(1)).build());
    AtomicInteger calls = new AtomicInteger();
    BatchEventHandler<Integer> partlyFailing =
        batch -> {
          calls.incrementAndGet();
          throw new PartialBatchFailureException(
              Map.of(
                  1, new IllegalArgumentException("no " + batch.get(1)),
                  3, new IllegalStateException("no " + batch.get(3))));
        };
    bus.subscribe(
        Integer.class,
        partlyFailing,
        batchOf(4).toBuilder().retryPolicy(RetryPolicy.fixed(3, Duration.ZERO)).build());

    List<PublishResult> results = new ArrayList<>();
    List<CompletableFuture<PublishResult>> pending = new ArrayList<>();
    for (int i = 10; i < 14; i++) {
      pending.add(bus.publishAsync(i));
    }
    for (CompletableFuture<PublishResult> result : pending) {
      results.add(result.get(10, TimeUnit.SECONDS));
    }

    assertThat(results).extracting(PublishResult::delivered).containsExactly(1, 0, 1, 0);
    assertThat(results).extracting(PublishResult::failed).containsExactly(0, 1, 0, 1);
    assertThat(results.get(1).failures().get(0).cause())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no 11");
    assertThat(results.get(3).failures().get(0).cause())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no 13");
    assertThat(results.get(1).failures().get(0).attempts()).isEqualTo(1);
    assertThat(calls.get()).as("no retry of a partial failure").isEqualTo(1);
    assertThat(failures.failures()).hasSize(2);
    assertThat(bus.stats().retried()).isZero();
  }

  @Test
  void aPartialBatchFailure_namingAPositionOutsideTheBatch_failsTheWholeBatchAndSaysSo()
      throws Exception {
    bus(BatchConfig.builder().adaptiveBatching(false).batchInterval(Duration.ofHours(1)).build());
    BatchEventHandler<Integer> wrong =
        batch -> {
          throw new PartialBatchFailureException(Map.of(2, new IllegalStateException("no")));
        };
    bus.subscribe(Integer.class, wrong, batchOf(2));

    CompletableFuture<PublishResult> first = bus.publishAsync(1);
    PublishResult second = bus.publishAsync(2).get(10, TimeUnit.SECONDS);

    assertThat(first.get(10, TimeUnit.SECONDS).failed()).isEqualTo(1);
    assertThat(second.failed()).isEqualTo(1);
    assertThat(second.failures().get(0).cause())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("named event #2 as failed, but its batch had 2 event(s)")
        .hasCauseInstanceOf(PartialBatchFailureException.class);
  }

  @Test
  void aPartialBatchFailure_ofABatchOfOneInSyncMode_failsWithTheEventsOwnCause() throws Exception {
    bus(BatchConfig.defaults());
    BatchEventHandler<Integer> partlyFailing =
        batch -> {
          throw new PartialBatchFailureException(Map.of(0, new IllegalStateException("its own")));
        };
    bus.subscribe(Integer.class, partlyFailing, SubscriptionOptions.mode(ProcessingMode.SYNC));

    PublishResult result = bus.publish(5);

    assertThat(result.failed()).isEqualTo(1);
    assertThat(result.failures().get(0).cause())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("its own");
  }

  @Test
  void aPartialBatchFailure_refusesEmptyOrNegativeOrNullPositions() {
    assertThatThrownBy(() -> new PartialBatchFailureException(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one event");
    assertThatThrownBy(
            () -> new PartialBatchFailureException(Map.of(-1, new IllegalStateException())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("start at 0, but failures names -1");
    Map<Integer, Throwable> nullCause = new HashMap<>();
    nullCause.put(0, null);
    assertThatThrownBy(() -> new PartialBatchFailureException(nullCause))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("cause of position 0");
    PartialBatchFailureException named =
        new PartialBatchFailureException(
            Map.of(4, new IllegalStateException("b"), 2, new IllegalStateException("a")));
    assertThat(named.failures().keySet()).containsExactly(2, 4);
    assertThat(named).hasMessageStartingWith("2 event(s) of the batch failed: #2: ");
    assertThat(named.getCause()).hasMessage("a");
  }

  @Test
  void adaptiveBatching_growsUnderLoad_andShrinksWhenIdle() throws Exception {
    bus(
        BatchConfig.builder()
            .minBatchSize(2)
            .defaultBatchSize(8)
            .maxBatchSize(64)
            .batchInterval(Duration.ofMillis(2))
            .targetLatency(Duration.ofSeconds(5))
            .targetThroughput(1e12)
            .learningRate(0.5)
            .build());
    Batches handler = new Batches();
    Subscription subscription = bus.subscribe(Integer.class, handler, batchOf(8));

    for (int i = 0; i < 2_000; i++) {
      bus.publish(i);
    }
    handler.awaitEvents(2_000);
    int underLoad = processor.batchTuning().get(subscription.id()).batchSize();
    assertThat(bus.stats().batchTuning()).containsOnlyKeys(subscription.id());
    assertThat(bus.stats().batchTuning().get(subscription.id()))
        .satisfies(
            tuning -> {
              assertThat(tuning.batchSize()).isEqualTo(underLoad);
              assertThat(tuning.adjustments()).isPositive();
            });

    for (int i = 0; i < 12; i++) {
      bus.publishAsync(i).get(10, TimeUnit.SECONDS);
    }
    int whenIdle = processor.batchTuning().get(subscription.id()).batchSize();

    assertThat(underLoad).isGreaterThan(8);
    assertThat(whenIdle).isLessThan(underLoad);
  }

  @Test
  void stop_flushesAndDrainsOpenBatches() throws Exception {
    bus(BatchConfig.builder().adaptiveBatching(false).batchInterval(Duration.ofHours(1)).build());
    Batches handler = new Batches();
    bus.subscribe(Integer.class, handler, batchOf(1_000));
    for (int i = 0; i < 10; i++) {
      bus.publish(i);
    }

    ShutdownReport report = bus.stop(TIMEOUT);

    assertThat(report.completedInTime()).isTrue();
    assertThat(report.drained()).isEqualTo(10);
    assertThat(report.totalUndelivered()).isZero();
    assertThat(handler.batches).containsExactly(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
  }

  @Test
  void stop_reportsTheEventsOfAStuckBatch() throws Exception {
    bus(BatchConfig.builder().adaptiveBatching(false).batchInterval(Duration.ofMillis(1)).build());
    CountDownLatch never = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    Subscription stuck =
        bus.subscribe(
            Integer.class,
            (BatchEventHandler<Integer>)
                batch -> {
                  started.countDown();
                  never.await();
                },
            batchOf(2));
    bus.publish(1);
    bus.publish(2);
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    bus.publish(3);

    long begin = System.nanoTime();
    ShutdownReport report = bus.stop(Duration.ofMillis(200));

    assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(5));
    assertThat(report.completedInTime()).isFalse();
    assertThat(report.undelivered())
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.subscriptionId()).isEqualTo(stuck.id());
              assertThat(entry.count()).isEqualTo(3);
            });
  }
}
