package dev.eventbus.processors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.AdaptiveConfig;
import dev.eventbus.api.ProcessingMode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdaptiveModeSelectorTest {

  private static final double FAST = 1_000; // 1 µs per event
  private static final double SLOW = 1_000_000; // 1 ms per event
  private static final double NO_MEASURE = -1;

  private final AdaptiveConfig config =
      AdaptiveConfig.builder()
          .stableWindows(3)
          .asyncLatencyThreshold(Duration.ofNanos(100_000))
          .batchRateThreshold(10_000)
          .build();

  private static ProcessingMode feed(
      AdaptiveModeSelector selector, int windows, double rate, double latency) {
    ProcessingMode mode = selector.current();
    for (int i = 0; i < windows; i++) {
      mode = selector.evaluate(rate, latency);
    }
    return mode;
  }

  @Test
  void startsSynchronous() {
    assertThat(new AdaptiveModeSelector(config, true).current()).isEqualTo(ProcessingMode.SYNC);
  }

  @Test
  void slowHandlers_moveToAsync_onlyAfterEnoughStableWindows() {
    AdaptiveModeSelector selector = new AdaptiveModeSelector(config, true);

    assertThat(feed(selector, 2, 100, SLOW)).isEqualTo(ProcessingMode.SYNC);
    assertThat(feed(selector, 1, 100, SLOW)).isEqualTo(ProcessingMode.ASYNC);
    assertThat(selector.switches()).isEqualTo(1);
  }

  @Test
  void highRates_moveABatchHandlerToBatch_andBackWhenTheRateFallsBelowHalfTheThreshold() {
    AdaptiveModeSelector selector = new AdaptiveModeSelector(config, true, true);
    assertThat(feed(selector, 3, 50_000, FAST)).isEqualTo(ProcessingMode.BATCH);

    assertThat(feed(selector, 10, 6_000, FAST)).isEqualTo(ProcessingMode.BATCH);
    assertThat(feed(selector, 3, 1_000, FAST)).isEqualTo(ProcessingMode.SYNC);
  }

  @Test
  void highRatesOfCheapEvents_keepAHandlerThatDoesNotTakeBatchesOnThePublishersThread() {
    // Called once per event whatever the mode: a direct call is the fastest way under a flood.
    AdaptiveModeSelector selector = new AdaptiveModeSelector(config, true, false);

    assertThat(feed(selector, 10, 5_000_000, FAST)).isEqualTo(ProcessingMode.SYNC);
    assertThat(selector.switches()).isZero();
  }

  @Test
  void anInterruptedStreak_startsOver() {
    AdaptiveModeSelector selector = new AdaptiveModeSelector(config, true);

    feed(selector, 2, 100, SLOW);
    feed(selector, 1, 100, FAST);
    assertThat(feed(selector, 2, 100, SLOW)).isEqualTo(ProcessingMode.SYNC);
    assertThat(feed(selector, 1, 100, SLOW)).isEqualTo(ProcessingMode.ASYNC);
  }

  @Test
  void asyncStays_untilLatencyFallsBelowHalfTheThreshold() {
    AdaptiveModeSelector selector = new AdaptiveModeSelector(config, true);
    feed(selector, 3, 100, SLOW);

    assertThat(feed(selector, 10, 100, 60_000)).isEqualTo(ProcessingMode.ASYNC);
    assertThat(feed(selector, 3, 100, 10_000)).isEqualTo(ProcessingMode.SYNC);
  }

  @Test
  void windowsWithoutFinishedDeliveries_goByTheLastMeasuredLatency() {
    AdaptiveModeSelector selector = new AdaptiveModeSelector(config, true);
    feed(selector, 3, 100, SLOW);

    assertThat(feed(selector, 10, 100, NO_MEASURE)).isEqualTo(ProcessingMode.ASYNC);
    feed(selector, 3, 50_000, FAST);
    assertThat(feed(selector, 3, 100, NO_MEASURE)).isEqualTo(ProcessingMode.SYNC);
  }

  @Test
  void anExpensiveHandlerThatTakesBatches_movesToBatchAtTheRateItThrottlesThePublisherTo() {
    // 150 µs a call: on the publisher's thread it lets through about 6,500 events/s, far below
    // batchRateThreshold, yet it is busy 97% of the time: batches are what would help.
    AdaptiveModeSelector selector = new AdaptiveModeSelector(config, true, true);
    assertThat(feed(selector, 2, 6_500, 150_000)).isEqualTo(ProcessingMode.SYNC);
    assertThat(feed(selector, 1, 6_500, 150_000)).isEqualTo(ProcessingMode.BATCH);
    assertThat(selector.reason())
        .startsWith("BATCH: 6500 events/s, handler 150.0 µs for 3 window(s)")
        .contains("the handler takes batches and one call per event (150.0 µs)")
        .contains("busy 98% of the time");

    // In BATCH the measured time per event is the batch call's share: it must not send it back.
    assertThat(feed(selector, 10, 700_000, 300)).isEqualTo(ProcessingMode.BATCH);
    // Publishers slow down to 4,000 events/s: one call each would still keep it 60% busy.
    assertThat(feed(selector, 10, 4_000, 2_000)).isEqualTo(ProcessingMode.BATCH);
    // 1,000 events/s: 15% busy at one call each, so back to the publisher's thread.
    assertThat(feed(selector, 3, 1_000, 2_000)).isEqualTo(ProcessingMode.SYNC);
    assertThat(selector.switches()).isEqualTo(2);
  }

  @Test
  void anExpensiveHandlerInAsyncThatTakesBatches_movesToBatchWhenItIsTheBottleneck() {
    AdaptiveModeSelector selector = new AdaptiveModeSelector(config, true, true);
    assertThat(feed(selector, 3, 100, 300_000)).isEqualTo(ProcessingMode.ASYNC);

    // Publishers outrun it: 3,000 events/s at 300 µs each is 90% of its time.
    assertThat(feed(selector, 3, 3_000, 300_000)).isEqualTo(ProcessingMode.BATCH);
  }

  @Test
  void anExpensiveHandlerThatDoesNotTakeBatches_isNotMovedToBatchByItsCost() {
    AdaptiveModeSelector selector = new AdaptiveModeSelector(config, true, false);

    assertThat(feed(selector, 3, 6_500, 150_000)).isEqualTo(ProcessingMode.ASYNC);
  }

  @Test
  void handlersThatMustStayOnThePublishersThread_staySync() {
    AdaptiveModeSelector selector = new AdaptiveModeSelector(config, false);

    assertThat(feed(selector, 10, 1_000_000, SLOW)).isEqualTo(ProcessingMode.SYNC);
  }
}
