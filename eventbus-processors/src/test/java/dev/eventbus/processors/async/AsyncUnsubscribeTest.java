package dev.eventbus.processors.async;

import static dev.eventbus.processors.async.AsyncTestSupport.TIMEOUT;
import static dev.eventbus.processors.async.AsyncTestSupport.asyncConfig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.EventBusStats;
import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import dev.eventbus.processors.async.AsyncTestSupport.Drops;
import dev.eventbus.processors.async.AsyncTestSupport.Ev;
import dev.eventbus.processors.async.AsyncTestSupport.Gate;
import dev.eventbus.testkit.RecordingHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Closing a subscription settles what was queued for it: none of it is delivered afterwards. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AsyncUnsubscribeTest {

  private static final int CAPACITY = 5;

  private final Drops drops = new Drops();
  private final UnifiedEventBus bus =
      EventBusFactory.builder()
          .config(asyncConfig(1, CAPACITY, OverflowPolicy.FAIL, Duration.ZERO))
          .dropListener(drops)
          .build();
  private final Gate gate = new Gate(1);

  @AfterEach
  void stopBus() {
    gate.release();
    bus.stop(TIMEOUT);
  }

  @Test
  void close_whileEventsAreQueued_noneOfThemIsDeliveredAfterwards() throws Exception {
    bus.subscribe("gate", gate);
    RecordingHandler<Object> closing = RecordingHandler.named("closing");
    Subscription subscription = bus.subscribe("work", closing);
    bus.subscribe("marker", RecordingHandler.named("marker"));
    bus.publish(Ev.of("gate", "key", 0));
    gate.awaitHeld();
    List<CompletableFuture<PublishResult>> futures = new ArrayList<>();
    for (int seq = 0; seq < CAPACITY; seq++) {
      futures.add(bus.publishAsync(Ev.of("work", "key", seq)));
    }
    // Pending: the gate's running delivery and the queued ones.
    assertThat(bus.stats().pending()).isEqualTo(1 + CAPACITY);

    subscription.close();

    assertThat(bus.stats().pending()).as("the closed subscription's queued events").isEqualTo(1);
    for (CompletableFuture<PublishResult> future : futures) {
      PublishResult result = future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(result.dropped()).isEqualTo(1);
    }
    gate.release();
    // The marker queues behind everything that was there: once it arrives, the rest has run.
    bus.publishAsync(Ev.of("marker", "key", 0)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(closing.events()).isEmpty();
    assertThat(drops.all()).as("closing is not a loss to report").isEmpty();
    EventBusStats stats = bus.stats();
    assertThat(stats.dropped()).isEqualTo(CAPACITY);
    assertThat(stats.delivered()).isEqualTo(2);
  }

  @Test
  void close_freesTheQueueRoomItsEventsTook_forOtherSubscriptions() throws Exception {
    bus.subscribe("gate", gate);
    Subscription closing = bus.subscribe("work", RecordingHandler.named("closing"));
    RecordingHandler<Object> staying = RecordingHandler.named("staying");
    bus.subscribe("other", staying);
    bus.publish(Ev.of("gate", "key", 0));
    gate.awaitHeld();
    for (int seq = 0; seq < CAPACITY; seq++) {
      bus.publish(Ev.of("work", "key", seq));
    }

    closing.close();
    PublishResult accepted = bus.publish(Ev.of("other", "key", 0));

    assertThat(accepted.pending()).as("the queue has room again").isEqualTo(1);
    gate.release();
    assertThat(staying.awaitCount(1, TIMEOUT)).containsExactly(Ev.of("other", "key", 0));
  }
}
