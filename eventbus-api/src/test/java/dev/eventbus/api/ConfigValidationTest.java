package dev.eventbus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ConfigValidationTest {

  private static void rejects(ThrowingCallable call, String field, String value) {
    assertThatThrownBy(call)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(field)
        .hasMessageContaining(value);
  }

  @Test
  void defaults_areTheSeedDesignsValues() {
    EventBusConfig config = EventBusConfig.defaults();

    assertThat(config.defaultMode()).isEqualTo(ProcessingMode.SYNC);
    assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.batch().defaultBatchSize()).isEqualTo(100);
    assertThat(config.batch().minBatchSize()).isEqualTo(10);
    assertThat(config.batch().maxBatchSize()).isEqualTo(1_000);
    assertThat(config.batch().batchInterval()).isEqualTo(Duration.ofMillis(10));
    assertThat(config.batch().adaptiveBatching()).isTrue();
    assertThat(config.async().queueSize()).isEqualTo(10_000);
    assertThat(config.async().shards()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(config.async().overflowPolicy()).isEqualTo(OverflowPolicy.BLOCK);
    assertThat(config.defaultRetryPolicy().maxAttempts()).isEqualTo(1);
    assertThat(config.deadLetterCapacity()).isEqualTo(10_000);
    assertThat(config.metrics().enabled()).isTrue();
    assertThat(config.storage().appendBatchSize()).isEqualTo(256);
    assertThat(config.storage().maxEventSize()).isEqualTo(1 << 20);
  }

  @Test
  void toBuilder_roundTripsEveryValue() {
    EventBusConfig config =
        EventBusConfig.builder()
            .defaultMode(ProcessingMode.BATCH)
            .shutdownTimeout(Duration.ofSeconds(3))
            .typeCacheSize(77)
            .batch(
                BatchConfig.builder().minBatchSize(2).defaultBatchSize(3).maxBatchSize(4).build())
            .async(AsyncConfig.builder().shards(3).queueSize(5).build())
            .defaultRetryPolicy(RetryPolicy.fixed(2, Duration.ZERO))
            .deadLetterCapacity(9)
            .metrics(MetricsConfig.builder().recordLatency(true).build())
            .storage(StorageConfig.builder().appendBatchSize(7).build())
            .build();

    assertThat(config.toBuilder().build()).isEqualTo(config).hasToString(config.toString());
    assertThat(config.batch().toBuilder().build()).isEqualTo(config.batch());
    assertThat(config.async().toBuilder().build()).isEqualTo(config.async());
    assertThat(config.metrics().toBuilder().build()).isEqualTo(config.metrics());
    assertThat(config.storage().toBuilder().build()).isEqualTo(config.storage());
    assertThat(config.adaptive().toBuilder().build()).isEqualTo(config.adaptive());
    assertThat(config.toBuilder().deadLetterCapacity(10).build()).isNotEqualTo(config);
  }

  @Test
  void eventBusConfig_rejectsBadValuesNamingFieldAndValue() {
    rejects(
        () -> EventBusConfig.builder().shutdownTimeout(Duration.ofSeconds(-1)).build(),
        "shutdownTimeout",
        "-1");
    rejects(() -> EventBusConfig.builder().typeCacheSize(0).build(), "typeCacheSize", "0");
    assertThatThrownBy(() -> EventBusConfig.builder().batch(null).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("batch");
  }

  @Test
  void batchConfig_rejectsBadValuesNamingFieldAndValue() {
    rejects(() -> BatchConfig.builder().defaultBatchSize(0).build(), "batch.defaultBatchSize", "0");
    rejects(() -> BatchConfig.builder().minBatchSize(-3).build(), "batch.minBatchSize", "-3");
    rejects(() -> BatchConfig.builder().maxBatchSize(0).build(), "batch.maxBatchSize", "0");
    rejects(
        () -> BatchConfig.builder().batchInterval(Duration.ZERO).build(),
        "batch.batchInterval",
        "PT0S");
    rejects(
        () -> BatchConfig.builder().targetLatency(Duration.ofMillis(-5)).build(),
        "batch.targetLatency",
        "-0.005");
    rejects(
        () -> BatchConfig.builder().targetThroughput(Double.NaN).build(),
        "batch.targetThroughput",
        "NaN");
    rejects(() -> BatchConfig.builder().learningRate(1.5).build(), "batch.learningRate", "1.5");
    rejects(() -> BatchConfig.builder().learningRate(0.0).build(), "batch.learningRate", "0.0");
  }

  @Test
  void batchConfig_rejectsSizesOutOfOrder() {
    rejects(
        () -> BatchConfig.builder().minBatchSize(50).maxBatchSize(20).defaultBatchSize(30).build(),
        "batch.maxBatchSize",
        "20");
    rejects(
        () -> BatchConfig.builder().defaultBatchSize(5_000).build(),
        "batch.defaultBatchSize",
        "5000");
  }

  @Test
  void asyncConfig_rejectsBadValuesNamingFieldAndValue() {
    rejects(() -> AsyncConfig.builder().shards(0).build(), "async.shards", "0");
    rejects(() -> AsyncConfig.builder().shards(4_096).build(), "async.shards", "4096");
    rejects(() -> AsyncConfig.builder().queueSize(0).build(), "async.queueSize", "0");
    rejects(
        () -> AsyncConfig.builder().blockTimeout(Duration.ofMillis(-1)).build(),
        "async.blockTimeout",
        "-0.001");
    rejects(
        () -> AsyncConfig.builder().idleSpin(Duration.ofNanos(-1)).build(),
        "async.idleSpin",
        "-0.000000001");
    rejects(
        () -> AsyncConfig.builder().idleSpin(Duration.ofSeconds(2)).build(),
        "async.idleSpin",
        "PT2S");
    assertThat(AsyncConfig.builder().idleSpin(Duration.ZERO).build().idleSpin()).isZero();
    assertThat(AsyncConfig.defaults().idleSpin()).isEqualTo(Duration.ofNanos(50_000));
    assertThat(AsyncConfig.defaults().idleStrategy()).isEqualTo(IdleStrategy.BACKOFF);
    assertThatThrownBy(() -> AsyncConfig.builder().idleStrategy(null).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("async.idleStrategy");
  }

  @Test
  void otherConfigs_rejectBadValuesNamingFieldAndValue() {
    rejects(
        () -> EventBusConfig.builder().deadLetterCapacity(0).build(), "deadLetterCapacity", "0");
    rejects(
        () -> MetricsConfig.builder().maxTrackedEventTypes(-1).build(),
        "metrics.maxTrackedEventTypes",
        "-1");
    rejects(
        () -> StorageConfig.builder().appendBatchSize(0).build(), "storage.appendBatchSize", "0");
    rejects(
        () -> StorageConfig.builder().retention(Duration.ZERO).build(),
        "storage.retention",
        "PT0S");
    rejects(
        () -> StorageConfig.builder().flushInterval(Duration.ofMillis(-2)).build(),
        "storage.flushInterval",
        "-0.002");
    rejects(() -> StorageConfig.builder().maxEventSize(0).build(), "storage.maxEventSize", "0");
  }
}
