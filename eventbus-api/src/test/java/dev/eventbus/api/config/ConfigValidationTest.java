package dev.eventbus.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.RetryPolicy;
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
    assertThat(config.retry().defaultPolicy().maxAttempts()).isEqualTo(1);
    assertThat(config.metrics().enabled()).isTrue();
    assertThat(config.storage().enabled()).isFalse();
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
            .retry(RetryConfig.builder().defaultPolicy(RetryPolicy.fixed(2, Duration.ZERO)).build())
            .metrics(MetricsConfig.builder().recordLatency(true).build())
            .storage(StorageConfig.builder().enabled(true).build())
            .build();

    assertThat(config.toBuilder().build()).hasToString(config.toString());
    assertThat(config.batch().toBuilder().build()).hasToString(config.batch().toString());
    assertThat(config.async().toBuilder().build()).hasToString(config.async().toString());
    assertThat(config.metrics().toBuilder().build()).hasToString(config.metrics().toString());
    assertThat(config.storage().toBuilder().build()).hasToString(config.storage().toString());
    assertThat(config.retry().toBuilder().build().defaultPolicy())
        .isSameAs(config.retry().defaultPolicy());
  }

  @Test
  void eventBusConfig_rejectsBadValuesNamingFieldAndValue() {
    rejects(
        () -> EventBusConfig.builder().shutdownTimeout(Duration.ofSeconds(-1)),
        "shutdownTimeout",
        "-1");
    rejects(() -> EventBusConfig.builder().typeCacheSize(0), "typeCacheSize", "0");
    assertThatThrownBy(() -> EventBusConfig.builder().batch(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("batch");
  }

  @Test
  void batchConfig_rejectsBadValuesNamingFieldAndValue() {
    rejects(() -> BatchConfig.builder().defaultBatchSize(0), "batch.defaultBatchSize", "0");
    rejects(() -> BatchConfig.builder().minBatchSize(-3), "batch.minBatchSize", "-3");
    rejects(() -> BatchConfig.builder().maxBatchSize(0), "batch.maxBatchSize", "0");
    rejects(
        () -> BatchConfig.builder().batchInterval(Duration.ZERO), "batch.batchInterval", "PT0S");
    rejects(
        () -> BatchConfig.builder().targetLatency(Duration.ofMillis(-5)),
        "batch.targetLatency",
        "-0.005");
    rejects(
        () -> BatchConfig.builder().targetThroughput(Double.NaN), "batch.targetThroughput", "NaN");
    rejects(() -> BatchConfig.builder().learningRate(1.5), "batch.learningRate", "1.5");
    rejects(() -> BatchConfig.builder().learningRate(0.0), "batch.learningRate", "0.0");
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
    rejects(() -> AsyncConfig.builder().shards(0), "async.shards", "0");
    rejects(() -> AsyncConfig.builder().shards(4_096), "async.shards", "4096");
    rejects(() -> AsyncConfig.builder().queueSize(0), "async.queueSize", "0");
    rejects(
        () -> AsyncConfig.builder().blockTimeout(Duration.ofMillis(-1)),
        "async.blockTimeout",
        "-0.001");
    rejects(
        () -> AsyncConfig.builder().idleSpin(Duration.ofNanos(-1)),
        "async.idleSpin",
        "-0.000000001");
    rejects(() -> AsyncConfig.builder().idleSpin(Duration.ofSeconds(2)), "async.idleSpin", "PT2S");
    assertThat(AsyncConfig.builder().idleSpin(Duration.ZERO).build().idleSpin()).isZero();
    assertThat(AsyncConfig.defaults().idleSpin()).isEqualTo(Duration.ofNanos(50_000));
  }

  @Test
  void otherConfigs_rejectBadValuesNamingFieldAndValue() {
    rejects(() -> RetryConfig.builder().deadLetterCapacity(0), "retry.deadLetterCapacity", "0");
    rejects(
        () -> MetricsConfig.builder().maxTrackedEventTypes(-1),
        "metrics.maxTrackedEventTypes",
        "-1");
    rejects(() -> StorageConfig.builder().appendBatchSize(0), "storage.appendBatchSize", "0");
    rejects(() -> StorageConfig.builder().retention(Duration.ZERO), "storage.retention", "PT0S");
    rejects(() -> StorageConfig.builder().snapshotEvery(0), "storage.snapshotEvery", "0");
    rejects(
        () -> StorageConfig.builder().flushInterval(Duration.ofMillis(-2)),
        "storage.flushInterval",
        "-0.002");
  }
}
