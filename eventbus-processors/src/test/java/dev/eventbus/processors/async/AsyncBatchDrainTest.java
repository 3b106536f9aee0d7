package dev.eventbus.processors.async;

import static dev.eventbus.processors.async.AsyncTestSupport.TIMEOUT;
import static dev.eventbus.processors.async.AsyncTestSupport.busTelling;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.EventHandler;
import dev.eventbus.api.EventPriority;
import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.async.AsyncTestSupport.Drops;
import dev.eventbus.processors.async.AsyncTestSupport.Ev;
import dev.eventbus.processors.async.AsyncTestSupport.Gate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lane's worker takes queued events in batches and starts them without a lock; the events of a
 * batch it has not started are still queued. These tests hold the worker inside the first event of
 * a batch of several and check that what sees queued events sees those too: a HIGH event published
 * meanwhile runs before the batch's rest, a closed subscription's events leave at once, and
 * DROP_OLDEST evicts the oldest of them.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AsyncBatchDrainTest {

  private static final int CAPACITY = 5;

  private final Drops drops = new Drops();
  private final UnifiedEventBus bus =
      busTelling(drops, CAPACITY, OverflowPolicy.DROP_OLDEST, Duration.ZERO);
  private final Gate gate = new Gate(1);
  private final HoldFirst work = new HoldFirst();

  @AfterEach
  void stopBus() {
    gate.release();
    work.release();
    bus.stop(TIMEOUT);
  }

  /**
   * Queues {@code count} NORMAL "work" events while the gate holds the worker, then lets it take
   * them as one batch and waits until it holds in the first of them (seq 0).
   */
  private List<CompletableFuture<PublishResult>> holdInsideBatchOf(int count) throws Exception {
    bus.subscribe("gate", gate);
    bus.publish(Ev.of("gate", "key", 0));
    gate.awaitHeld();
    List<CompletableFuture<PublishResult>> futures = new ArrayList<>();
    for (int seq = 0; seq < count; seq++) {
      futures.add(bus.publishAsync(Ev.of("work", "key", seq)));
    }
    gate.release();
    work.awaitHeld();
    return futures;
  }

  @Test
  void highEvent_publishedWhileABatchRuns_runsBeforeTheRestOfTheBatch() throws Exception {
    bus.subscribe("work", work);
    holdInsideBatchOf(CAPACITY);

    bus.publish(Ev.of("work", "key", EventPriority.HIGH, 100));
    work.release();

    assertThat(work.awaitSeqs(CAPACITY + 1)).containsExactly(0, 100, 1, 2, 3, 4);
  }

  @Test
  void closingTheSubscription_whileItsEventsWaitInTheBatch_settlesThemAtOnce() throws Exception {
    Subscription subscription = bus.subscribe("work", work);
    List<CompletableFuture<PublishResult>> futures = holdInsideBatchOf(CAPACITY);
    assertThat(bus.stats().pending()).as("one running, the rest queued").isEqualTo(CAPACITY);

    subscription.close();

    assertThat(bus.stats().pending()).as("only the running one").isEqualTo(1);
    for (CompletableFuture<PublishResult> future : futures.subList(1, CAPACITY)) {
      assertThat(future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).dropped()).isEqualTo(1);
    }
    assertThat(futures.get(0)).as("the running delivery finishes").isNotDone();
    work.release();
    assertThat(futures.get(0).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).delivered())
        .isEqualTo(1);
    assertThat(work.seqs()).containsExactly(0);
    assertThat(drops.all()).as("closing is not a loss to report").isEmpty();
  }

  @Test
  void dropOldest_onAFullLane_evictsTheOldestEventWaitingInTheBatch() throws Exception {
    bus.subscribe("work", work);
    holdInsideBatchOf(CAPACITY);
    // Running: 0. Queued: 1 to 4 (in the batch) and now 5, which fills the lane.
    assertThat(bus.publish(Ev.of("work", "key", 5)).pending()).isEqualTo(1);

    PublishResult overflowing = bus.publish(Ev.of("work", "key", 6));

    assertThat(overflowing.pending()).as("queued in the room the eviction made").isEqualTo(1);
    assertThat(drops.all())
        .extracting(dropped -> ((Ev) dropped.event()).seq())
        .as("the oldest queued event, which waited in the batch")
        .containsExactly(1);
    work.release();
    assertThat(work.awaitSeqs(6)).containsExactly(0, 2, 3, 4, 5, 6);
    assertThat(bus.stats().dropped()).isEqualTo(1);
  }

  /** Records the seq of each event it gets; holds the worker inside the event with seq 0. */
  static final class HoldFirst implements EventHandler<Object> {
    private final List<Integer> seqs = new CopyOnWriteArrayList<>();
    private final Gate hold = new Gate(1);

    @Override
    public void handle(Object event) throws InterruptedException {
      int seq = ((Ev) event).seq();
      seqs.add(seq);
      if (seq == 0) {
        hold.handle(event);
      }
    }

    @Override
    public String name() {
      return "work";
    }

    void awaitHeld() throws InterruptedException {
      hold.awaitHeld();
    }

    void release() {
      hold.release();
    }

    List<Integer> seqs() {
      return List.copyOf(seqs);
    }

    List<Integer> awaitSeqs(int count) throws InterruptedException {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (seqs.size() < count && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertThat(seqs).as("events handled in time").hasSizeGreaterThanOrEqualTo(count);
      return seqs();
    }
  }
}
