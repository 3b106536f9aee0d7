package dev.eventbus.processors.async;

import static dev.eventbus.processors.async.AsyncTestSupport.TIMEOUT;
import static dev.eventbus.processors.async.AsyncTestSupport.asyncConfig;
import static dev.eventbus.processors.async.AsyncTestSupport.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.DroppedDelivery;
import dev.eventbus.api.EventBusState;
import dev.eventbus.api.EventBusStats;
import dev.eventbus.api.EventBusStoppedException;
import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.ShutdownReport;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import dev.eventbus.processors.async.AsyncTestSupport.Drops;
import dev.eventbus.processors.async.AsyncTestSupport.Ev;
import dev.eventbus.processors.async.AsyncTestSupport.Gate;
import dev.eventbus.processors.async.AsyncTestSupport.Worker;
import dev.eventbus.testkit.RecordingExceptionHandler;
import dev.eventbus.testkit.RecordingHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What stop does with queued deliveries: drains them by the deadline, then reports the rest. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AsyncStopTest {

  private final Drops drops = new Drops();
  private final RecordingExceptionHandler failures = new RecordingExceptionHandler();

  @Test
  void stop_drainsEveryQueuedDeliveryOnEveryShard_andCountsEachAsDrained() throws Exception {
    List<String> keys = AsyncTestSupport.keysOnDistinctShards(2, 2);
    int perShard = 50_000;
    UnifiedEventBus bus =
        EventBusFactory.builder()
            .config(asyncConfig(2, perShard, OverflowPolicy.FAIL, Duration.ZERO))
            .dropListener(drops)
            .exceptionHandler(failures)
            .build();
    Gate gate = new Gate(2);
    bus.subscribe("gate", gate);
    AtomicInteger counted = new AtomicInteger();
    bus.subscribe("work", event -> counted.incrementAndGet(), named("counter"));
    for (String key : keys) {
      bus.publish(Ev.of("gate", key, 0));
    }
    gate.awaitHeld();
    for (int seq = 0; seq < perShard; seq++) {
      for (String key : keys) {
        bus.publish(Ev.of("work", key, seq));
      }
    }
    int deliveredBeforeStop = counted.get();
    assertThat(deliveredBeforeStop).as("both workers are held").isZero();

    // Let the workers go only once stop has closed the shards and waits for them to drain.
    AtomicReference<@Nullable ShutdownReport> stopped = new AtomicReference<>();
    Worker stopper = new Worker("stopper", () -> stopped.set(bus.stop(Duration.ofSeconds(60))));
    stopper.start();
    AsyncTestSupport.awaitTimedWaitIn(stopper, "stop");
    gate.release();
    assertThat(stopper.awaitEnd()).isNull();

    ShutdownReport report = stopped.get();
    assertThat(report).isNotNull();
    int total = 2 * perShard;
    assertThat(report.completedInTime()).isTrue();
    assertThat(report.totalUndelivered()).isZero();
    assertThat(report.undelivered()).isEmpty();
    // The two gate deliveries were running when stop began, so they finished during it too.
    assertThat(report.drained() + deliveredBeforeStop).isEqualTo(total + 2);
    assertThat(counted.get()).isEqualTo(total);
    EventBusStats stats = bus.stats();
    assertThat(stats.published()).isEqualTo(total + 2);
    assertThat(stats.delivered()).isEqualTo(total + 2);
    assertThat(stats.pending()).isZero();
    assertThat(stats.dropped()).isZero();
    assertThat(stats.failed()).isZero();
    assertThat(drops.all()).isEmpty();
    assertThat(failures.failures()).isEmpty();
    assertThat(bus.state()).isEqualTo(EventBusState.STOPPED);
  }

  @Test
  void stop_withAStuckHandler_returnsByTheDeadline_reportingTheStuckAndQueuedDeliveries()
      throws Exception {
    UnifiedEventBus bus =
        EventBusFactory.builder()
            .config(asyncConfig(1, 100, OverflowPolicy.FAIL, Duration.ZERO))
            .dropListener(drops)
            .exceptionHandler(failures)
            .build();
    Gate stuck = new Gate(1); // never released
    Subscription stuckSubscription = bus.subscribe("stuck", stuck, named("stuck"));
    RecordingHandler<Object> bystander = RecordingHandler.named("bystander");
    Subscription bystanderSubscription = bus.subscribe("other", bystander);
    List<CompletableFuture<PublishResult>> futures = new ArrayList<>();
    futures.add(bus.publishAsync(Ev.of("stuck", "key", 0)));
    stuck.awaitHeld();
    for (int seq = 1; seq <= 5; seq++) {
      futures.add(bus.publishAsync(Ev.of("stuck", "key", seq)));
    }
    for (int seq = 0; seq < 2; seq++) {
      futures.add(bus.publishAsync(Ev.of("other", "key", seq)));
    }

    long start = System.nanoTime();
    ShutdownReport report = bus.stop(Duration.ofMillis(300));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isLessThan(Duration.ofSeconds(5));
    assertThat(report.completedInTime()).isFalse();
    assertThat(report.drained()).isZero();
    assertThat(report.undelivered())
        .containsExactlyInAnyOrder(
            new ShutdownReport.Undelivered(stuckSubscription.id(), "stuck", 6),
            new ShutdownReport.Undelivered(bystanderSubscription.id(), "bystander", 2));
    assertThat(report.totalUndelivered()).isEqualTo(8);
    for (CompletableFuture<PublishResult> future : futures) {
      PublishResult result = future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(result.dropped()).isEqualTo(1);
      assertThat(result.subscribers()).isEqualTo(1);
    }
    EventBusStats stats = bus.stats();
    assertThat(stats.dropped()).isEqualTo(8);
    assertThat(stats.pending()).isZero();
    assertThat(stats.delivered()).isZero();
    assertThat(drops.all()).hasSize(8);
    assertThat(drops.all())
        .filteredOn(drop -> drop.subscriptionName().equals("stuck"))
        .extracting(DroppedDelivery::event)
        .extracting(event -> ((Ev) event).seq())
        .containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
    assertThat(stuck.awaitInterrupted()).as("the stuck handler was interrupted").isTrue();
    assertThat(bystander.events()).isEmpty();
    assertThat(failures.failures())
        .as("an abandoned delivery is not also reported as failed")
        .isEmpty();
    assertThat(bus.stats().failed()).isZero();
    assertThatThrownBy(() -> bus.publish(Ev.of("stuck", "key", 99)))
        .isInstanceOf(EventBusStoppedException.class);
    assertThatThrownBy(() -> bus.publishAsync(Ev.of("stuck", "key", 99)))
        .isInstanceOf(EventBusStoppedException.class);
  }
}
