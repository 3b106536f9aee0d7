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
  void highRates_moveToBatch_andBackWhenTheRateFallsBelowHalfTheThreshold() {
    AdaptiveModeSelector selector = new AdaptiveModeSelector(config, true);
    assertThat(feed(selector, 3, 50_000, FAST)).isEqualTo(ProcessingMode.BATCH);

    assertThat(feed(selector, 10, 6_000, FAST)).isEqualTo(ProcessingMode.BATCH);
    assertThat(feed(selector, 3, 1_000, FAST)).isEqualTo(ProcessingMode.SYNC);
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
  void handlersThatMustStayOnThePublishersThread_staySync() {
    AdaptiveModeSelector selector = new AdaptiveModeSelector(config, false);

    assertThat(feed(selector, 10, 1_000_000, SLOW)).isEqualTo(ProcessingMode.SYNC);
  }
}
