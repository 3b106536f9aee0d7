package dev.eventbus.processors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.AdaptiveChoice;
import dev.eventbus.api.AdaptiveConfig;
import dev.eventbus.api.BatchConfig;
import dev.eventbus.api.BatchEventHandler;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.EventHandler;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The adaptive processor driven by a manual clock: the test decides how fast events arrive and how
 * long the handler takes, so the measures, and the mode changes they cause, are exact.
 */
class AdaptiveProcessorTest {

  private static final long MS = 1_000_000;

  private final AtomicLong clock = new AtomicLong();
  private final AtomicLong clockReads = new AtomicLong();
  // Measures every publish, so that the tests below know each measure exactly.
  private final UnifiedEventBus bus = busWith(new AdaptiveProcessor(null, clock::get, 1), 2);
  // Measures one SYNC publish in AdaptiveProcessor.SAMPLE_PERIOD, as a built bus does.
  private final UnifiedEventBus sampled =
      busWith(
          new AdaptiveProcessor(
              null,
              () -> {
                clockReads.incrementAndGet();
                return clock.get();
              },
              AdaptiveProcessor.SAMPLE_PERIOD),
          2);

  private static UnifiedEventBus busWith(AdaptiveProcessor processor, int stableWindows) {
    return EventBusFactory.builder()
        .processor(processor)
        .config(
            EventBusConfig.builder()
                .adaptive(
                    AdaptiveConfig.builder()
                        .window(Duration.ofMillis(100))
                        .stableWindows(stableWindows)
                        .asyncLatencyThreshold(Duration.ofMillis(1))
                        .batchRateThreshold(1_000)
                        .build())
                .batch(
                    BatchConfig.builder()
                        .adaptiveBatching(false)
                        .batchInterval(Duration.ofMillis(2))
                        .build())
                .build())
        .build();
  }

  /**
   * Records the sequence numbers it gets; "costs" simulated time per event on the clock. It takes
   * batches (one event at a time), so that a flood may move it to BATCH.
   */
  private final class Recorder implements BatchEventHandler<Long> {
    final List<Long> seen = new ArrayList<>();
    final List<String> threads = new ArrayList<>();
    volatile long costNanos;
    final boolean mayLeave;

    Recorder(boolean mayLeave) {
      this.mayLeave = mayLeave;
    }

    @Override
    public synchronized void handleBatch(List<Long> batch) {
      for (Long sequence : batch) {
        handle(sequence);
      }
    }

    @Override
    public synchronized void handle(Long sequence) {
      clock.addAndGet(costNanos);
      seen.add(sequence);
      threads.add(Thread.currentThread().getName());
      notifyAll();
    }

    @Override
    public boolean supportsAsync() {
      return mayLeave;
    }

    synchronized void awaitCount(int count) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (seen.size() < count && System.nanoTime() < deadline) {
        wait(10);
      }
      assertThat(seen).hasSizeGreaterThanOrEqualTo(count);
    }
  }

  @AfterEach
  void close() {
    bus.close();
    sampled.close();
  }

  /**
   * Publishes {@code count} events spread evenly over {@code spanNanos} of the manual clock, each
   * once the one before it was handled, so every measure lands in the window it belongs to.
   */
  private long publish(long from, int count, long spanNanos) throws Exception {
    for (int i = 0; i < count; i++) {
      clock.addAndGet(spanNanos / count);
      if (count < 1_000) {
        // The future completes after the delivery's time was measured, so the next advance of
        // the clock cannot leak into that measure.
        bus.publishAsync(from + i).get(10, TimeUnit.SECONDS);
      } else {
        bus.publish(from + i);
      }
    }
    return from + count;
  }

  private Subscription subscribe(Recorder recorder) {
    return bus.subscribe(Long.class, recorder, SubscriptionOptions.mode(ProcessingMode.ADAPTIVE));
  }

  /** The mode the bus's stats say the subscription runs in now. */
  private ProcessingMode modeOf(Subscription subscription) {
    return choiceOf(subscription).mode();
  }

  private AdaptiveChoice choiceOf(Subscription subscription) {
    AdaptiveChoice choice = bus.stats().adaptive().get(subscription.id());
    assertThat(choice).as("stats().adaptive() of %s", subscription).isNotNull();
    return choice;
  }

  @Test
  void statsShowTheCurrentModeTheSwitchCountAndTheMeasuresBehindTheLastChoice() throws Exception {
    Recorder recorder = new Recorder(true);
    Subscription subscription = subscribe(recorder);
    Subscription other =
        bus.subscribe(Long.class, value -> {}, SubscriptionOptions.mode(ProcessingMode.ASYNC));

    long next = publish(0, 20, 300 * MS);
    AdaptiveChoice quiet = choiceOf(subscription);
    assertThat(quiet.mode()).isEqualTo(ProcessingMode.SYNC);
    assertThat(quiet.switches()).isZero();
    assertThat(bus.stats().adaptive())
        .as("only ADAPTIVE subscriptions")
        .doesNotContainKey(other.id());

    recorder.costNanos = 5 * MS;
    next = publish(next, 30, 600 * MS);
    AdaptiveChoice slow = choiceOf(subscription);
    assertThat(slow.mode()).isEqualTo(ProcessingMode.ASYNC);
    assertThat(slow.switches()).isEqualTo(1);
    assertThat(slow.reason())
        .startsWith("ASYNC: ")
        .contains("handler 5000.0 µs")
        .contains("asyncLatencyThreshold PT0.001S");

    recorder.costNanos = 0;
    next = publish(next, 3_000, 400 * MS);
    recorder.awaitCount((int) next);
    AdaptiveChoice flood = choiceOf(subscription);
    assertThat(flood.mode()).isEqualTo(ProcessingMode.BATCH);
    assertThat(flood.switches()).isEqualTo(2);
    assertThat(flood.reason()).startsWith("BATCH: ").contains("batchRateThreshold 1000");
    assertThat(bus.stats().subscription(subscription.id()).orElseThrow().mode())
        .as("the subscription's own mode stays what it asked for")
        .isEqualTo(ProcessingMode.ADAPTIVE);
  }

  @Test
  void aHandlerThatMustStayOnThePublishersThread_saysSoInItsReason() throws Exception {
    Recorder recorder = new Recorder(false);
    Subscription subscription = subscribe(recorder);
    publish(0, 5, 100 * MS);
    recorder.awaitCount(5);

    assertThat(choiceOf(subscription))
        .isEqualTo(
            new AdaptiveChoice(
                ProcessingMode.SYNC,
                0,
                "SYNC: the handler must run on the publisher's thread (supportsAsync() is false)"));
  }

  /**
   * A handler that takes batches and "costs" a fixed simulated time per call, whatever its size.
   */
  private final class BatchRecorder implements BatchEventHandler<Long> {
    final List<Long> seen = new ArrayList<>();
    final long costPerCallNanos;

    BatchRecorder(long costPerCallNanos) {
      this.costPerCallNanos = costPerCallNanos;
    }

    @Override
    public synchronized void handleBatch(List<Long> events) {
      clock.addAndGet(costPerCallNanos);
      seen.addAll(events);
      notifyAll();
    }

    synchronized void awaitCount(int count) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (seen.size() < count && System.nanoTime() < deadline) {
        wait(10);
      }
      assertThat(seen).hasSizeGreaterThanOrEqualTo(count);
    }
  }

  @Test
  void anExpensiveHandlerThatTakesBatches_reachesBatchAlthoughItThrottlesThePublisher()
      throws Exception {
    // 2 ms a call, one call per event on the publisher's thread: the publisher can go no faster
    // than the handler (under 500 events/s), below batchRateThreshold (1,000/s), yet the handler
    // is the bottleneck: ADAPTIVE must batch it.
    BatchRecorder recorder = new BatchRecorder(2 * MS);
    Subscription subscription =
        bus.subscribe(Long.class, recorder, SubscriptionOptions.mode(ProcessingMode.ADAPTIVE));

    // Each publish returns after the handler's 2 ms; the publisher adds 0.05 ms of its own.
    long next = 0;
    do {
      clock.addAndGet(MS / 20);
      bus.publishAsync(next++).get(10, TimeUnit.SECONDS);
    } while (next < 1_000 && modeOf(subscription) == ProcessingMode.SYNC);

    AdaptiveChoice choice = choiceOf(subscription);
    assertThat(choice.mode()).isEqualTo(ProcessingMode.BATCH);
    assertThat(choice.reason()).contains("the handler takes batches");
    recorder.awaitCount((int) next);
    List<Long> expected = new ArrayList<>();
    for (long i = 0; i < next; i++) {
      expected.add(i);
    }
    assertThat(recorder.seen).containsExactlyElementsOf(expected);
  }

  @Test
  void aFloodOfCheapEvents_keepsAHandlerThatDoesNotTakeBatchesOnThePublishersThread()
      throws Exception {
    List<Long> seen = new ArrayList<>();
    Subscription subscription =
        bus.subscribe(
            Long.class,
            (EventHandler<Long>) seen::add,
            SubscriptionOptions.mode(ProcessingMode.ADAPTIVE));

    publish(0, 3_000, 400 * MS); // 7,500 events/s, over batchRateThreshold (1,000)

    assertThat(modeOf(subscription)).isEqualTo(ProcessingMode.SYNC);
    assertThat(choiceOf(subscription).switches()).isZero();
    assertThat(seen).hasSize(3_000);
  }

  @Test
  void quietCheapHandlers_stayOnThePublishersThread() throws Exception {
    Recorder recorder = new Recorder(true);
    Subscription subscription = subscribe(recorder);

    publish(0, 50, 1_000 * MS);
    recorder.awaitCount(50);

    assertThat(modeOf(subscription)).isEqualTo(ProcessingMode.SYNC);
    assertThat(recorder.threads).containsOnly(Thread.currentThread().getName());
  }

  @Test
  void modeFollowsTheLoad_andOrderHoldsAcrossEverySwitch() throws Exception {
    Recorder recorder = new Recorder(true);
    Subscription subscription = subscribe(recorder);
    List<ProcessingMode> modes = new ArrayList<>();

    long next = publish(0, 20, 300 * MS);
    modes.add(modeOf(subscription));

    recorder.costNanos = 5 * MS;
    next = publish(next, 30, 600 * MS);
    modes.add(modeOf(subscription));

    recorder.costNanos = 0;
    next = publish(next, 3_000, 400 * MS);
    recorder.awaitCount((int) next);
    modes.add(modeOf(subscription));

    next = publish(next, 100, 5_000 * MS);
    modes.add(modeOf(subscription));
    recorder.awaitCount((int) next);

    assertThat(modes)
        .containsExactly(
            ProcessingMode.SYNC, ProcessingMode.ASYNC, ProcessingMode.BATCH, ProcessingMode.SYNC);
    List<Long> expected = new ArrayList<>();
    for (long i = 0; i < next; i++) {
      expected.add(i);
    }
    assertThat(recorder.seen).containsExactlyElementsOf(expected);
  }

  @Test
  void aHandlerThatMustStayOnThePublishersThread_neverLeavesIt() throws Exception {
    Recorder recorder = new Recorder(false);
    recorder.costNanos = 5 * MS;
    Subscription subscription = subscribe(recorder);

    publish(0, 3_000, 400 * MS);
    recorder.awaitCount(3_000);

    assertThat(modeOf(subscription)).isEqualTo(ProcessingMode.SYNC);
    assertThat(recorder.threads).containsOnly(Thread.currentThread().getName());
  }

  @Test
  void sampledSyncPublishes_readTheClockForAboutOneInSixteen_andStillDeliverEachInOrder() {
    List<Long> seen = new ArrayList<>();
    List<String> threads = new ArrayList<>();
    Subscription subscription =
        sampled.subscribe(
            Long.class,
            (EventHandler<Long>)
                value -> {
                  seen.add(value);
                  threads.add(Thread.currentThread().getName());
                },
            SubscriptionOptions.mode(ProcessingMode.ADAPTIVE));
    int events = 3_200;
    long readsBefore = clockReads.get();
    for (long i = 0; i < events; i++) {
      clock.addAndGet(10 * MS); // 100 events/s: quiet, SYNC throughout
      sampled.publish(i);
    }

    // Measuring every publish reads the clock twice per event (6,400 here); one in 16 about 400.
    assertThat(clockReads.get() - readsBefore).isBetween(200L, 800L);
    assertThat(seen).hasSize(events);
    for (int i = 0; i < events; i++) {
      assertThat(seen.get(i)).isEqualTo(i);
    }
    assertThat(threads).containsOnly(Thread.currentThread().getName());
    assertThat(sampled.stats().adaptive().get(subscription.id()).mode())
        .isEqualTo(ProcessingMode.SYNC);
  }

  @Test
  void aFloodThatStaysSync_isSampledMoreSparsely_andAQuietSpellBringsThePeriodBack() {
    List<Long> seen = new ArrayList<>();
    Subscription subscription =
        sampled.subscribe(
            Long.class,
            (EventHandler<Long>) seen::add, // takes no batches: a flood does not make it BATCH
            SubscriptionOptions.mode(ProcessingMode.ADAPTIVE));
    long next = 0;
    for (int i = 0; i < 100_000; i++) {
      clock.addAndGet(1_000); // 1,000,000 events/s: the first 100 ms window, sampled 1 in 16
      sampled.publish(next++);
    }
    long readsBefore = clockReads.get();
    for (int i = 0; i < 300_000; i++) {
      clock.addAndGet(1_000);
      sampled.publish(next++);
    }
    // One in 16 would read the clock about 37,500 times for these; one in 256 about 2,300.
    assertThat(clockReads.get() - readsBefore).isBetween(1_000L, 5_000L);

    for (int i = 0; i < 1_000; i++) {
      clock.addAndGet(10 * MS); // 100 events/s: the next sample ends the window
      sampled.publish(next++);
    }
    readsBefore = clockReads.get();
    for (int i = 0; i < 3_200; i++) {
      clock.addAndGet(10 * MS);
      sampled.publish(next++);
    }
    assertThat(clockReads.get() - readsBefore).isBetween(200L, 800L); // one in 16 again: ~400

    assertThat(seen).hasSize((int) next);
    for (int i = 0; i < next; i++) {
      assertThat(seen.get(i)).isEqualTo(i);
    }
    assertThat(sampled.stats().adaptive().get(subscription.id()).mode())
        .isEqualTo(ProcessingMode.SYNC);
  }

  @Test
  void sampledMeasures_stillMoveAFloodToBatch_andASlowHandlerToAsync() throws Exception {
    BatchRecorder flooded = new BatchRecorder(0);
    Subscription flood =
        sampled.subscribe(Long.class, flooded, SubscriptionOptions.mode(ProcessingMode.ADAPTIVE));
    for (long i = 0; i < 16_000; i++) {
      clock.addAndGet(MS / 40); // 40,000 events/s, 40 times batchRateThreshold
      sampled.publish(i);
    }
    flooded.awaitCount(16_000);
    assertThat(sampled.stats().adaptive().get(flood.id()).mode()).isEqualTo(ProcessingMode.BATCH);
    List<Long> expected = new ArrayList<>();
    for (long i = 0; i < 16_000; i++) {
      expected.add(i);
    }
    assertThat(flooded.seen).containsExactlyElementsOf(expected);
    flood.close();

    Recorder slow = new Recorder(true);
    slow.costNanos = 5 * MS;
    Subscription subscription =
        sampled.subscribe(Long.class, slow, SubscriptionOptions.mode(ProcessingMode.ADAPTIVE));
    long next = 0;
    do {
      clock.addAndGet(10 * MS); // 100 events/s, each call 5 ms: over asyncLatencyThreshold
      sampled.publishAsync(next++).get(10, TimeUnit.SECONDS);
    } while (next < 2_000
        && sampled.stats().adaptive().get(subscription.id()).mode() != ProcessingMode.ASYNC);
    assertThat(sampled.stats().adaptive().get(subscription.id()).mode())
        .isEqualTo(ProcessingMode.ASYNC);
  }

  @Test
  void orderHoldsWhileTheModeSwitchesBackAndForth() throws Exception {
    // Only the handler moves the clock (one call at a time, so every measure is exact): rounds of
    // 5 ms calls, which go ASYNC, and of 0.2 ms calls, which come back to SYNC. The publisher
    // waits only between rounds, and in the cheap rounds after each block of ten, so that windows
    // end at known times; within a block events queue, so the switch back to SYNC finds some still
    // queued, and a SYNC publish must queue behind them (the idle checks on its path read the lane
    // and the batch without a lock). Called once per event, the handler never gets BATCH.
    Recorder recorder = new Recorder(true);
    Subscription subscription =
        bus.subscribe(
            Long.class,
            (EventHandler<Long>) recorder::handle,
            SubscriptionOptions.mode(ProcessingMode.ADAPTIVE));
    long next = 0;
    for (int round = 0; round < 20; round++) {
      boolean slow = round % 2 == 0;
      recorder.costNanos = slow ? 5 * MS : MS / 5;
      int block = slow ? 60 : 10;
      for (int i = 0; i < (slow ? 60 : 1_500); i++) {
        bus.publish(next++);
        if (next % block == 0) {
          recorder.awaitCount((int) next);
        }
      }
    }
    recorder.awaitCount((int) next);

    AdaptiveChoice choice = choiceOf(subscription);
    assertThat(choice.switches()).as("switches: %s", choice).isGreaterThanOrEqualTo(10);
    List<Long> expected = new ArrayList<>();
    for (long i = 0; i < next; i++) {
      expected.add(i);
    }
    assertThat(recorder.seen).containsExactlyElementsOf(expected);
  }

  @Test
  void aPublishRightAfterTheSwitchBackToSync_queuesBehindEventsStillInTheLane() throws Exception {
    UnifiedEventBus oneWindow = busWith(new AdaptiveProcessor(null, clock::get, 1), 1);
    CountDownLatch gate = new CountDownLatch(1);
    try {
      List<Long> seen = new ArrayList<>();
      AtomicLong cost = new AtomicLong(5 * MS);
      long gated = 1_001;
      Subscription subscription =
          oneWindow.subscribe(
              Long.class,
              (EventHandler<Long>)
                  value -> {
                    if (value == gated) {
                      gate.await();
                    }
                    clock.addAndGet(cost.get());
                    synchronized (seen) {
                      seen.add(value);
                    }
                  },
              SubscriptionOptions.mode(ProcessingMode.ADAPTIVE));
      long next = 0;
      do {
        clock.addAndGet(10 * MS);
        oneWindow.publishAsync(next++).get(10, TimeUnit.SECONDS);
      } while (next < 100
          && oneWindow.stats().adaptive().get(subscription.id()).mode() != ProcessingMode.ASYNC);
      assertThat(oneWindow.stats().adaptive().get(subscription.id()).mode())
          .isEqualTo(ProcessingMode.ASYNC);

      // A window of 5 ms calls ends at this arrival (still ASYNC); the next holds one cheap call.
      cost.set(MS / 5);
      clock.addAndGet(100 * MS);
      oneWindow.publishAsync(1_000L).get(10, TimeUnit.SECONDS);
      // 1,001 holds the lane, 1,002 waits in it; the window that ends at 1,003's arrival measured
      // only the cheap call, so 1,003 arrives in SYNC while both are still in the lane.
      oneWindow.publish(gated);
      oneWindow.publish(1_002L);
      clock.addAndGet(100 * MS);
      oneWindow.publish(1_003L);

      assertThat(oneWindow.stats().adaptive().get(subscription.id()).mode())
          .isEqualTo(ProcessingMode.SYNC);
      synchronized (seen) {
        assertThat(seen).as("nothing overtook the held lane").doesNotContain(1_002L, 1_003L);
      }
      gate.countDown();
      oneWindow.publish(1_004L);
      int before = (int) next;
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                synchronized (seen) {
                  assertThat(seen.subList(before, seen.size()))
                      .containsExactly(1_000L, 1_001L, 1_002L, 1_003L, 1_004L);
                }
              });
    } finally {
      gate.countDown();
      oneWindow.close();
    }
  }
}
