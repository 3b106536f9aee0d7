package dev.eventbus.processors.async;

import static dev.eventbus.processors.async.AsyncTestSupport.TIMEOUT;
import static dev.eventbus.processors.async.AsyncTestSupport.asyncConfig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.EventPriority;
import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import dev.eventbus.processors.async.AsyncTestSupport.Ev;
import dev.eventbus.processors.async.AsyncTestSupport.Gate;
import dev.eventbus.testkit.RecordingHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Inside one shard, queued HIGH events run before NORMAL ones, and those before LOW ones. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AsyncPriorityLaneTest {

  private final UnifiedEventBus bus =
      EventBusFactory.createWithConfig(asyncConfig(1, 100, OverflowPolicy.FAIL, Duration.ZERO));

  @AfterEach
  void stopBus() {
    bus.stop(TIMEOUT);
  }

  @Test
  void queuedEvents_runHighThenNormalThenLow_fifoWithinEachPriority() throws Exception {
    Gate gate = new Gate(1);
    bus.subscribe("gate", gate);
    RecordingHandler<Object> work = RecordingHandler.named("work");
    bus.subscribe("work", work);
    bus.publish(Ev.of("gate", "any", 0));
    gate.awaitHeld();

    int seq = 0;
    for (int round = 0; round < 3; round++) {
      for (EventPriority priority :
          List.of(EventPriority.LOW, EventPriority.NORMAL, EventPriority.HIGH)) {
        bus.publish(Ev.of("work", "key-" + round, priority, seq++));
      }
    }
    assertThat(work.events()).as("nothing runs while the worker is held").isEmpty();
    gate.release();

    List<Object> arrived = work.awaitCount(9, TIMEOUT);
    assertThat(arrived)
        .extracting(event -> ((Ev) event).priority() + "#" + ((Ev) event).seq())
        .containsExactly(
            "HIGH#2",
            "HIGH#5",
            "HIGH#8",
            "NORMAL#1",
            "NORMAL#4",
            "NORMAL#7",
            "LOW#0",
            "LOW#3",
            "LOW#6");
  }
}
