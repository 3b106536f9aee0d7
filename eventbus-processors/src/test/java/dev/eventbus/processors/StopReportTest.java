package dev.eventbus.processors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.ShutdownReport;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StopReportTest {

  @ParameterizedTest
  @EnumSource(
      value = ProcessingMode.class,
      names = {"ASYNC", "BATCH", "ADAPTIVE"})
  void deliveriesFinishedBeforeTheStop_areNotCountedAsDrained(ProcessingMode mode)
      throws Exception {
    for (int round = 0; round < 20; round++) {
      UnifiedEventBus bus = EventBusFactory.createDefault();
      bus.subscribe(String.class, event -> {}, SubscriptionOptions.mode(mode));
      List<CompletableFuture<PublishResult>> results = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        results.add(bus.publishAsync("event " + i));
      }
      for (CompletableFuture<PublishResult> result : results) {
        assertThat(result.get(10, TimeUnit.SECONDS).delivered()).isEqualTo(1);
      }

      ShutdownReport report = bus.stop(Duration.ofSeconds(5));

      assertThat(report.drained()).as("round %d", round).isZero();
      assertThat(report.totalUndelivered()).isZero();
    }
  }
}
