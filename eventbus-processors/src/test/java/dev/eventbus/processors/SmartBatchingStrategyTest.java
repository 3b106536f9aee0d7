package dev.eventbus.processors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.BatchConfig;
import dev.eventbus.api.BatchTuning;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmartBatchingStrategyTest {

  private static final long FAST = Duration.ofMillis(1).toNanos();
  private static final long SLOW = Duration.ofSeconds(1).toNanos();

  private final BatchConfig config =
      BatchConfig.builder()
          .minBatchSize(10)
          .defaultBatchSize(100)
          .maxBatchSize(1_000)
          .batchInterval(Duration.ofMillis(10))
          .targetLatency(Duration.ofMillis(50))
          .targetThroughput(10_000)
          .learningRate(0.1)
          .build();

  @Test
  void fullBatches_growTheSize_butNotTheIntervalThatDidNotHoldThem() {
    SmartBatchingStrategy strategy = new SmartBatchingStrategy(config, 100);

    BatchTuning decision = strategy.observe(100, true, FAST, 1_000);

    assertThat(decision.batchSize()).isEqualTo(110);
    assertThat(decision.interval()).isEqualTo(Duration.ofMillis(10));
    assertThat(decision.adjustments()).isEqualTo(1);
  }

  @Test
  void aFloodOfFullBatches_growsTheSizeToTheMaximum_andTheLastPartialBatchWaitsOnlyTheInterval() {
    SmartBatchingStrategy strategy = new SmartBatchingStrategy(config, 100);

    for (int i = 0; i < 100; i++) {
      strategy.observe(strategy.current().batchSize(), true, FAST, 50_000);
    }

    assertThat(strategy.current().batchSize()).isEqualTo(1_000);
    assertThat(strategy.current().interval()).isEqualTo(Duration.ofMillis(10));
  }

  @Test
  void aHighRateThatTheTimerFlushes_growsTheIntervalUpToTenTimesTheConfigured() {
    SmartBatchingStrategy strategy = new SmartBatchingStrategy(config, 100);

    BatchTuning first = strategy.observe(100, false, FAST, 50_000);
    for (int i = 0; i < 100; i++) {
      strategy.observe(strategy.current().batchSize(), false, FAST, 50_000);
    }

    assertThat(first.interval()).isEqualTo(Duration.ofNanos(10_500_000));
    assertThat(strategy.current().batchSize()).isEqualTo(1_000);
    assertThat(strategy.current().interval()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void idleFlushes_shrinkTheSizeDownToTheMinimum() {
    SmartBatchingStrategy strategy = new SmartBatchingStrategy(config, 100);

    for (int i = 0; i < 100; i++) {
      strategy.observe(1, false, FAST, 5);
    }

    assertThat(strategy.current().batchSize()).isEqualTo(10);
    assertThat(strategy.current().interval()).isEqualTo(Duration.ofMillis(1));
  }

  @Test
  void afterAFlood_theFirstTimerFlushBringsTheIntervalBackAtOnce() {
    SmartBatchingStrategy strategy = new SmartBatchingStrategy(config, 100);
    for (int i = 0; i < 100; i++) {
      strategy.observe(strategy.current().batchSize(), false, FAST, 50_000);
    }
    assertThat(strategy.current().interval()).isEqualTo(Duration.ofMillis(100));

    // The load falls to 2,000 events/s: the timer flushes 200 events after 100 ms.
    BatchTuning decision = strategy.observe(200, false, Duration.ofMillis(100).toNanos(), 2_000);

    // The configured 10 ms, less one shrinking step (half of learningRate): not 95 ms.
    assertThat(decision.interval()).isEqualTo(Duration.ofNanos(9_500_000));
    assertThat(decision.batchSize()).isEqualTo(900);
  }

  @Test
  void aFullBatchOverTheTargetLatency_shrinksTheIntervalByOneStepOnly() {
    SmartBatchingStrategy strategy = new SmartBatchingStrategy(config, 100);
    for (int i = 0; i < 100; i++) {
      strategy.observe(strategy.current().batchSize(), false, FAST, 50_000);
    }

    // Still filling up (the load is there), but slow: small steps, no jump.
    BatchTuning decision = strategy.observe(1_000, true, SLOW, 50_000);

    assertThat(decision.interval()).isEqualTo(Duration.ofMillis(95));
  }

  @Test
  void highLatency_shrinksEvenUnderLoad() {
    SmartBatchingStrategy strategy = new SmartBatchingStrategy(config, 100);

    BatchTuning decision = strategy.observe(100, true, SLOW, 50_000);

    assertThat(decision.batchSize()).isEqualTo(90);
  }

  @Test
  void halfFullTimerFlushesAtModerateRate_changeNothing() {
    SmartBatchingStrategy strategy = new SmartBatchingStrategy(config, 100);

    BatchTuning decision = strategy.observe(60, false, FAST, 5_000);

    assertThat(decision.batchSize()).isEqualTo(100);
    assertThat(decision.adjustments()).isZero();
  }

  @Test
  void smallSizes_stillMoveByAtLeastOne() {
    BatchConfig small =
        BatchConfig.builder().minBatchSize(1).defaultBatchSize(2).maxBatchSize(5).build();
    SmartBatchingStrategy strategy = new SmartBatchingStrategy(small, 2);

    assertThat(strategy.observe(2, true, FAST, 0).batchSize()).isEqualTo(3);
    assertThat(strategy.observe(0, false, FAST, 0).batchSize()).isEqualTo(2);
  }

  @Test
  void theInitialSize_isClampedToTheBounds() {
    assertThat(new SmartBatchingStrategy(config, 5_000).current().batchSize()).isEqualTo(1_000);
    assertThat(new SmartBatchingStrategy(config, 1).current().batchSize()).isEqualTo(10);
  }
}
