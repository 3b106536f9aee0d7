package dev.eventbus.processors.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.BatchConfig;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.HandlerFailure;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.ShutdownReport;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A delivery still running when a stop gives up on it is reported undelivered (and counted
 * dropped); when its handler then fails, that failure is not reported or dead-lettered as well.
 */
class AbandonedDeliveryTest {

  @ParameterizedTest
  @EnumSource(
      value = ProcessingMode.class,
      names = {"ASYNC", "BATCH"})
  void aDeliveryAbandonedByStop_thatFailsAfterwards_isOnlyUndelivered(ProcessingMode mode)
      throws Exception {
    List<HandlerFailure> reported = Collections.synchronizedList(new ArrayList<>());
    UnifiedEventBus bus =
        EventBusFactory.builder()
            .config(
                EventBusConfig.builder()
                    .batch(
                        BatchConfig.builder()
                            .adaptiveBatching(false)
                            .minBatchSize(1)
                            .defaultBatchSize(1)
                            .build())
                    .build())
            .exceptionHandler(reported::add)
            .dropListener(dropped -> {})
            .build();
    CountDownLatch running = new CountDownLatch(1);
    AtomicBoolean returned = new AtomicBoolean();
    bus.subscribe(
        String.class,
        event -> {
          running.countDown();
          try {
            new CountDownLatch(1).await(10, TimeUnit.SECONDS); // until the stop interrupts it
          } finally {
            returned.set(true);
          }
          throw new IllegalStateException("not reached: the wait ends by interrupt");
        },
        SubscriptionOptions.mode(mode));
    bus.publish("held");
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

    ShutdownReport report = bus.stop(Duration.ofMillis(50));
    Poll.until(returned::get, Duration.ofSeconds(10), () -> "the handler to return");

    assertThat(report.totalUndelivered()).isEqualTo(1);
    assertThat(bus.stats().dropped()).isEqualTo(1);
    assertThat(bus.stats().failed()).isZero();
    assertThat(reported).isEmpty();
    assertThat(bus.deadLetters().orElseThrow().size()).isZero();
  }
}
