package vm.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link AsyncEventBusConfig} and {@link AsyncEventBusStats} as values. */
class AsyncEventBusConfigTest {

  @Test
  void defaults_matchTheLegacyValues() {
    AsyncEventBusConfig config = AsyncEventBusConfig.defaults();

    assertThat(config.queueCapacity()).isEqualTo(10_000);
    assertThat(config.batchSize()).isEqualTo(100);
    assertThat(config.minBatchSize()).isEqualTo(10);
    assertThat(config.maxBatchSize()).isEqualTo(1_000);
    assertThat(config.batchIntervalMillis()).isEqualTo(10);
    assertThat(config.adaptiveBatching()).isTrue();
    assertThat(config.maxRetries()).isEqualTo(3);
    assertThat(config.retryDelayMillis()).isEqualTo(50);
    assertThat(AsyncEventBusConfig.builder().build()).isEqualTo(config);
  }

  @Test
  void builder_setsEveryValue_andToBuilderCopiesThem() {
    AsyncEventBusConfig config =
        AsyncEventBusConfig.builder()
            .queueCapacity(5)
            .minBatchSize(1)
            .maxBatchSize(8)
            .batchSize(4)
            .batchIntervalMillis(0)
            .adaptiveBatching(false)
            .maxRetries(0)
            .retryDelayMillis(0)
            .build();

    assertThat(config.queueCapacity()).isEqualTo(5);
    assertThat(config.batchSize()).isEqualTo(4);
    assertThat(config.minBatchSize()).isEqualTo(1);
    assertThat(config.maxBatchSize()).isEqualTo(8);
    assertThat(config.batchIntervalMillis()).isZero();
    assertThat(config.adaptiveBatching()).isFalse();
    assertThat(config.maxRetries()).isZero();
    assertThat(config.retryDelayMillis()).isZero();
    assertThat(config.toBuilder().build()).isEqualTo(config).hasSameHashCodeAs(config);
    assertThat(config).isNotEqualTo(AsyncEventBusConfig.defaults());
    assertThat(config.toString()).contains("queueCapacity=5", "batchSize=4 in [1, 8]");
  }

  @Test
  void invalidValues_areRejectedNamingFieldAndValue() {
    assertThatThrownBy(() -> AsyncEventBusConfig.builder().queueCapacity(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("queueCapacity must be >= 1 but was 0");
    assertThatThrownBy(() -> AsyncEventBusConfig.builder().batchSize(-3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batchSize must be >= 1 but was -3");
    assertThatThrownBy(() -> AsyncEventBusConfig.builder().minBatchSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("minBatchSize must be >= 1 but was 0");
    assertThatThrownBy(() -> AsyncEventBusConfig.builder().maxBatchSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxBatchSize must be >= 1 but was 0");
    assertThatThrownBy(() -> AsyncEventBusConfig.builder().batchIntervalMillis(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batchIntervalMillis must be >= 0 but was -1");
    assertThatThrownBy(() -> AsyncEventBusConfig.builder().maxRetries(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxRetries must be >= 0 but was -1");
    assertThatThrownBy(() -> AsyncEventBusConfig.builder().retryDelayMillis(-5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retryDelayMillis must be >= 0 but was -5");
  }

  @Test
  void batchSizeOutsideItsBounds_isRejectedByBuild() {
    assertThatThrownBy(() -> AsyncEventBusConfig.builder().batchSize(5).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batchSize must be in [minBatchSize 10, maxBatchSize 1000] but was 5");
    assertThatThrownBy(() -> AsyncEventBusConfig.builder().batchSize(1_001).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batchSize must be in [minBatchSize 10, maxBatchSize 1000] but was 1001");
    assertThatThrownBy(
            () -> AsyncEventBusConfig.builder().minBatchSize(50).maxBatchSize(20).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("minBatchSize must be <= maxBatchSize (20) but was 50");
  }

  @Test
  void stats_isAValue() {
    AsyncEventBusStats stats = new AsyncEventBusStats(5, 3, 1, 2, 1.5, 1, 10);

    assertThat(stats.eventsPublished()).isEqualTo(5);
    assertThat(stats.eventsProcessed()).isEqualTo(3);
    assertThat(stats.eventsFailed()).isEqualTo(1);
    assertThat(stats.eventsRetried()).isEqualTo(2);
    assertThat(stats.processingRatePerSecond()).isEqualTo(1.5);
    assertThat(stats.queueSize()).isEqualTo(1);
    assertThat(stats.currentBatchSize()).isEqualTo(10);
    assertThat(stats)
        .isEqualTo(new AsyncEventBusStats(5, 3, 1, 2, 1.5, 1, 10))
        .hasSameHashCodeAs(new AsyncEventBusStats(5, 3, 1, 2, 1.5, 1, 10))
        .isNotEqualTo(new AsyncEventBusStats(5, 3, 1, 3, 1.5, 1, 10));
    assertThat(stats.toString()).contains("eventsPublished=5", "eventsRetried=2");
  }

  @Test
  void stats_rejectsNegativeValues() {
    assertThatThrownBy(() -> new AsyncEventBusStats(-1, 0, 0, 0, 0.0, 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("eventsPublished must be >= 0 but was -1");
    assertThatThrownBy(() -> new AsyncEventBusStats(0, 0, 0, 0, Double.NaN, 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("processingRatePerSecond");
    assertThatThrownBy(() -> new AsyncEventBusStats(0, 0, 0, 0, 0.0, -2, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("queueSize must be >= 0 but was -2");
  }
}
