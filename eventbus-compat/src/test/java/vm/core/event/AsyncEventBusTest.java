package vm.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vm.core.event.LegacyHandlers.recorder;
import static vm.core.event.LegacyHandlers.throwing;

import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import dev.eventbus.testkit.DeliveryLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vm.core.event.LegacyHandlers.Recorder;

/** The legacy contract of {@link AsyncEventBus} over a {@link DomainEventBus}. */
class AsyncEventBusTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  /** Small batches, fast retries: what most tests need. */
  private static final AsyncEventBusConfig FAST =
      AsyncEventBusConfig.builder()
          .minBatchSize(1)
          .batchSize(1)
          .adaptiveBatching(false)
          .batchIntervalMillis(0)
          .maxRetries(3)
          .retryDelayMillis(1)
          .build();

  private final UnifiedEventBus unified =
      EventBusFactory.builder().exceptionHandler(failure -> {}).build();
  private final DomainEventBus delegate = new DomainEventBus(unified);
  private final DeliveryLog log = new DeliveryLog();
  private final List<AsyncEventBus> buses = new ArrayList<>();

  @AfterEach
  void stopEverything() {
    buses.forEach(AsyncEventBus::stop);
    unified.close();
  }

  private AsyncEventBus started(AsyncEventBusConfig config) {
    AsyncEventBus bus = new AsyncEventBus(delegate, config);
    buses.add(bus);
    bus.start();
    return bus;
  }

  private static void await(CountDownLatch latch) throws InterruptedException {
    assertThat(latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS))
        .as("latch released within %s", WAIT)
        .isTrue();
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  @Test
  void publishBeforeStart_isRefused() {
    AsyncEventBus bus = new AsyncEventBus(delegate);
    buses.add(bus);

    assertThatThrownBy(() -> bus.publishAsync(VmEvent.started(1)))
        .isInstanceOf(VmException.class)
        .hasMessageContaining("not started");
    assertThat(bus.getStats()).isEqualTo(new AsyncEventBusStats(0, 0, 0, 0, 0.0, 0, 100));
  }

  @Test
  void publishAfterStop_isRefused_andTheBusCannotRestart() throws VmException {
    AsyncEventBus bus = started(FAST);
    bus.publishAsync(VmEvent.started(1));
    bus.stop();
    bus.stop(); // idempotent

    assertThatThrownBy(() -> bus.publishAsync(VmEvent.started(2)))
        .isInstanceOf(VmException.class)
        .hasMessageContaining("stopped");
    assertThatThrownBy(bus::start).isInstanceOf(IllegalStateException.class);
    assertThat(bus.getStats().eventsPublished()).isEqualTo(1);
    assertThat(bus.getStats().eventsProcessed()).isEqualTo(1);
  }

  @Test
  void stopOfANeverStartedBus_justStopsIt() {
    AsyncEventBus bus = new AsyncEventBus(delegate, FAST);
    bus.stop();

    assertThatThrownBy(() -> bus.publishAsync(VmEvent.started(1)))
        .isInstanceOf(VmException.class)
        .hasMessageContaining("stopped");
  }

  @Test
  void nullEvent_isAProgrammingError() {
    AsyncEventBus bus = started(FAST);

    assertThatThrownBy(() -> bus.publishAsync(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void stopFromAHandler_returnsAndTheWorkerStillDrains() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    AsyncEventBus bus = started(FAST);
    delegate.subscribe(
        VmEvent.STOPPED,
        recorder(
            "stopper",
            100,
            log,
            event -> {
              awaitUnchecked(gate);
              bus.stop();
              stopped.countDown();
            }));
    delegate.subscribe(VmEvent.STARTED, recorder("after", 100, log));

    bus.publishAsync(VmEvent.stopped(1));
    bus.publishAsync(VmEvent.started(2));
    gate.countDown();
    await(stopped);
    bus.stop();

    assertThat(log.handlers()).containsExactly("stopper", "after");
    assertThat(bus.getStats().eventsProcessed()).isEqualTo(2);
  }

  // ---- queue -----------------------------------------------------------------------------------

  @Test
  void fullQueue_refusesTheEvent_afterExactlyCapacityWaiting() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch gate = new CountDownLatch(1);
    delegate.subscribe(
        VmEvent.STARTED,
        recorder(
            "blocking",
            100,
            log,
            event -> {
              entered.countDown();
              awaitUnchecked(gate);
            }));
    AsyncEventBus bus = started(FAST.toBuilder().queueCapacity(5).build());

    bus.publishAsync(VmEvent.started(0));
    await(entered); // the worker holds event 0, the queue is empty
    int accepted = 1;
    VmException refused = null;
    for (int i = 1; i <= 10 && refused == null; i++) {
      try {
        bus.publishAsync(VmEvent.started(i));
        accepted++;
      } catch (VmException e) {
        refused = e;
      }
    }

    assertThat(accepted).isEqualTo(6);
    assertThat(refused).isNotNull().hasMessageContaining("queue is full (5 events)");
    assertThat(bus.getStats().queueSize()).isEqualTo(5);
    assertThat(bus.getStats().eventsPublished()).isEqualTo(6);
    gate.countDown();
    bus.stop();
    assertThat(log.handlers()).hasSize(6);
    assertThat(bus.getStats().eventsProcessed()).isEqualTo(6);
    assertThat(bus.getStats().queueSize()).isZero();
  }

  // ---- delivery --------------------------------------------------------------------------------

  @Test
  void handlers_runOffTheCallersThread() throws Exception {
    delegate.subscribe(VmEvent.STARTED, recorder("a", 100, log));
    delegate.subscribe("*", recorder("b", 100, log));
    AsyncEventBus bus = started(AsyncEventBusConfig.defaults());

    bus.publishAsync(VmEvent.started(1));
    log.awaitSize(2, WAIT);

    assertThat(log.entries())
        .extracting(DeliveryLog.Entry::thread)
        .hasSize(2)
        .allSatisfy(
            thread ->
                assertThat(thread)
                    .isNotEqualTo(Thread.currentThread().getName())
                    .startsWith("vm-async-event-bus-"));
  }

  @Test
  void eachEvent_reachesItsHandlersInPriorityOrder_andEventsStayInPublishOrder()
      throws VmException {
    delegate.subscribe(VmEvent.STARTED, recorder("low", 10, log));
    delegate.subscribe(VmEvent.STARTED, recorder("high", 500, log));
    delegate.subscribe(VmEvent.STARTED, recorder("default", 100, log));
    AsyncEventBus bus = started(AsyncEventBusConfig.defaults());

    for (int i = 0; i < 3; i++) {
      bus.publishAsync(VmEvent.started(i));
    }
    bus.stop();

    assertThat(log.handlers())
        .containsExactly(
            "high", "default", "low", "high", "default", "low", "high", "default", "low");
    assertThat(log.entries())
        .extracting(entry -> ((VmEvent) entry.event()).sequence())
        .containsExactly(0L, 0L, 0L, 1L, 1L, 1L, 2L, 2L, 2L);
  }

  @Test
  void nativeSubscribersOfTheSameUnifiedBus_receiveTheEventsToo() throws Exception {
    List<Object> seen = new CopyOnWriteArrayList<>();
    unified.subscribe(
        VmEvent.STARTED,
        seen::add,
        SubscriptionOptions.builder().mode(ProcessingMode.SYNC).name("native").build());
    AsyncEventBus bus = started(FAST);

    bus.publishAsync(VmEvent.started(7));
    bus.stop();

    assertThat(seen).containsExactly(VmEvent.started(7));
  }

  // ---- retries ---------------------------------------------------------------------------------

  @Test
  void handlerFailingTwiceThenSucceeding_isRetriedTwice_andTheEventIsProcessed()
      throws VmException {
    AtomicInteger attempts = new AtomicInteger();
    delegate.subscribe(
        VmEvent.STARTED,
        recorder(
            "flaky",
            200,
            log,
            event -> {
              if (attempts.incrementAndGet() <= 2) {
                throw new VmException("attempt " + attempts.get());
              }
            }));
    Recorder steady = recorder("steady", 100, log);
    delegate.subscribe(VmEvent.STARTED, steady);
    AsyncEventBus bus = started(FAST);

    bus.publishAsync(VmEvent.started(1));
    bus.stop();

    assertThat(attempts).hasValue(3);
    assertThat(steady.events()).hasSize(1);
    assertThat(log.handlers()).containsExactly("flaky", "steady", "flaky", "flaky");
    AsyncEventBusStats stats = bus.getStats();
    assertThat(stats.eventsRetried()).isEqualTo(2);
    assertThat(stats.eventsProcessed()).isEqualTo(1);
    assertThat(stats.eventsFailed()).isZero();
  }

  @Test
  void handlerFailingAlways_isTriedMaxRetriesPlusOneTimes_andTheEventFails() throws VmException {
    Recorder broken = throwing("broken", 200, log, new IllegalStateException("always"));
    delegate.subscribe(VmEvent.STARTED, broken);
    Recorder steady = recorder("steady", 100, log);
    delegate.subscribe(VmEvent.STARTED, steady);
    AsyncEventBus bus = started(FAST);

    bus.publishAsync(VmEvent.started(1));
    bus.publishAsync(VmEvent.stopped(2)); // no handler: processed
    bus.stop();

    assertThat(broken.events()).hasSize(4);
    assertThat(steady.events()).hasSize(1);
    AsyncEventBusStats stats = bus.getStats();
    assertThat(stats.eventsFailed()).isEqualTo(1);
    assertThat(stats.eventsRetried()).isEqualTo(3);
    assertThat(stats.eventsProcessed()).isEqualTo(1);
    assertThat(stats.eventsPublished()).isEqualTo(2);
  }

  @Test
  void withNoRetries_aFailureFailsTheEventAtOnce() throws VmException {
    Recorder broken = throwing("broken", 100, log, new VmException("no"));
    delegate.subscribe(VmEvent.STARTED, broken);
    AsyncEventBus bus = started(FAST.toBuilder().maxRetries(0).build());

    bus.publishAsync(VmEvent.started(1));
    bus.stop();

    assertThat(broken.events()).hasSize(1);
    assertThat(bus.getStats().eventsFailed()).isEqualTo(1);
    assertThat(bus.getStats().eventsRetried()).isZero();
  }

  @Test
  void severalFailingHandlers_areRetriedTogetherInPriorityOrder_sparingTheSuccessfulOnes()
      throws VmException {
    AtomicInteger highAttempts = new AtomicInteger();
    AtomicInteger lowAttempts = new AtomicInteger();
    delegate.subscribe(VmEvent.STARTED, failingTimes("high", 300, 1, highAttempts));
    Recorder middle = recorder("middle", 200, log);
    delegate.subscribe(VmEvent.STARTED, middle);
    delegate.subscribe(VmEvent.STARTED, failingTimes("low", 100, 2, lowAttempts));
    AsyncEventBus bus = started(FAST);

    bus.publishAsync(VmEvent.started(1));
    bus.stop();

    assertThat(log.handlers()).containsExactly("high", "middle", "low", "high", "low", "low");
    assertThat(middle.events()).hasSize(1);
    assertThat(bus.getStats().eventsRetried()).isEqualTo(3);
    assertThat(bus.getStats().eventsProcessed()).isEqualTo(1);
  }

  @Test
  void retries_areRetryDelayApart() throws VmException {
    List<Long> times = Collections.synchronizedList(new ArrayList<>());
    delegate.subscribe(
        VmEvent.STARTED,
        recorder(
            "broken",
            100,
            log,
            event -> {
              times.add(System.nanoTime());
              throw new VmException("no");
            }));
    AsyncEventBus bus = started(FAST.toBuilder().maxRetries(2).retryDelayMillis(30).build());

    bus.publishAsync(VmEvent.started(1));
    bus.stop();

    assertThat(times).hasSize(3);
    for (int i = 1; i < times.size(); i++) {
      assertThat(times.get(i) - times.get(i - 1)).isGreaterThanOrEqualTo(30_000_000L);
    }
  }

  @Test
  void handlerUnsubscribedBeforeItsRetry_isNotRun_andTheEventFails() throws VmException {
    AtomicInteger attempts = new AtomicInteger();
    EventSubscriptionId[] id = new EventSubscriptionId[1];
    id[0] =
        delegate.subscribe(
            VmEvent.STARTED,
            recorder(
                "leaving",
                100,
                log,
                event -> {
                  attempts.incrementAndGet();
                  delegate.unsubscribe(id[0]);
                  throw new VmException("bye");
                }));
    AsyncEventBus bus = started(FAST);

    bus.publishAsync(VmEvent.started(1));
    bus.stop();

    assertThat(attempts).hasValue(1);
    assertThat(bus.getStats().eventsFailed()).isEqualTo(1);
    assertThat(bus.getStats().eventsRetried()).isZero();
  }

  @Test
  void failingNativeSubscriber_failsTheEventWithoutLegacyRetries() throws VmException {
    AtomicInteger nativeAttempts = new AtomicInteger();
    unified.subscribe(
        VmEvent.STARTED,
        event -> {
          nativeAttempts.incrementAndGet();
          throw new IllegalStateException("native failure");
        },
        SubscriptionOptions.builder()
            .mode(ProcessingMode.SYNC)
            .retryPolicy(RetryPolicy.none())
            .name("native")
            .build());
    Recorder legacy = recorder("legacy", 100, log);
    delegate.subscribe(VmEvent.STARTED, legacy);
    AsyncEventBus bus = started(FAST);

    bus.publishAsync(VmEvent.started(1));
    bus.stop();

    assertThat(nativeAttempts).hasValue(1);
    assertThat(legacy.events()).hasSize(1);
    assertThat(bus.getStats().eventsFailed()).isEqualTo(1);
    assertThat(bus.getStats().eventsRetried()).isZero();
  }

  // ---- stop drains, stats, batching ------------------------------------------------------------

  @Test
  void stop_drainsTenThousandQueuedEvents_noneLost() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch gate = new CountDownLatch(1);
    List<Long> sequences = Collections.synchronizedList(new ArrayList<>());
    delegate.subscribe(
        VmEvent.STARTED,
        recorder(
            "counting",
            100,
            new DeliveryLog(),
            event -> {
              sequences.add(((VmEvent) event).sequence());
              entered.countDown();
              awaitUnchecked(gate);
            }));
    AsyncEventBus bus = started(AsyncEventBusConfig.defaults());
    bus.publishAsync(VmEvent.started(0));
    await(entered);
    for (int i = 1; i <= 10_000; i++) {
      bus.publishAsync(VmEvent.started(i));
    }
    assertThat(bus.getStats().queueSize()).isEqualTo(10_000);

    Thread stopper = new Thread(bus::stop, "stopper");
    stopper.start();
    awaitStopping(bus);
    gate.countDown();
    stopper.join(WAIT.toMillis());

    assertThat(stopper.isAlive()).isFalse();
    assertThat(sequences).hasSize(10_001);
    for (int i = 0; i <= 10_000; i++) {
      assertThat(sequences.get(i)).isEqualTo(i);
    }
    AsyncEventBusStats stats = bus.getStats();
    assertThat(stats.eventsPublished()).isEqualTo(10_001);
    assertThat(stats.eventsProcessed()).isEqualTo(10_001);
    assertThat(stats.eventsFailed()).isZero();
    assertThat(stats.queueSize()).isZero();
    assertThat(stats.processingRatePerSecond()).isPositive();
  }

  @Test
  void stats_accountForEveryEvent() throws VmException {
    delegate.subscribe(
        VmEvent.STARTED,
        recorder(
            "oddFails",
            100,
            log,
            event -> {
              if (((VmEvent) event).sequence() % 2 == 1) {
                throw new VmException("odd");
              }
            }));
    AsyncEventBus bus = started(FAST.toBuilder().maxRetries(1).retryDelayMillis(0).build());

    for (int i = 0; i < 10; i++) {
      bus.publishAsync(VmEvent.started(i));
    }
    bus.stop();

    AsyncEventBusStats stats = bus.getStats();
    assertThat(stats.eventsPublished()).isEqualTo(10);
    assertThat(stats.eventsProcessed()).isEqualTo(5);
    assertThat(stats.eventsFailed()).isEqualTo(5);
    assertThat(stats.eventsRetried()).isEqualTo(5);
    assertThat(stats.queueSize()).isZero();
    assertThat(stats.currentBatchSize()).isEqualTo(1);
    assertThat(stats.processingRatePerSecond()).isPositive();
    assertThat(bus.getStats().processingRatePerSecond())
        .as("frozen once stopped")
        .isEqualTo(stats.processingRatePerSecond());
  }

  @Test
  void adaptiveBatching_growsTheBatchWhileEventsBackUp_withinItsBounds() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch gate = new CountDownLatch(1);
    List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    AsyncEventBus[] bus = new AsyncEventBus[1];
    delegate.subscribe(
        VmEvent.STARTED,
        recorder(
            "sizes",
            100,
            new DeliveryLog(),
            event -> {
              batchSizes.add(bus[0].getStats().currentBatchSize());
              entered.countDown();
              awaitUnchecked(gate);
            }));
    bus[0] = started(AsyncEventBusConfig.defaults());
    bus[0].publishAsync(VmEvent.started(0));
    await(entered);
    for (int i = 1; i <= 1_000; i++) {
      bus[0].publishAsync(VmEvent.started(i));
    }
    gate.countDown();
    bus[0].stop();

    assertThat(batchSizes).hasSize(1_001).allSatisfy(size -> assertThat(size).isBetween(10, 1_000));
    assertThat(Collections.max(batchSizes)).isGreaterThan(100);
  }

  @Test
  void withoutAdaptiveBatching_theBatchSizeStays() throws VmException {
    delegate.subscribe(VmEvent.STARTED, recorder("a", 100, log));
    AsyncEventBus bus =
        started(AsyncEventBusConfig.builder().batchSize(20).adaptiveBatching(false).build());

    for (int i = 0; i < 100; i++) {
      bus.publishAsync(VmEvent.started(i));
    }
    bus.stop();

    assertThat(bus.getStats().currentBatchSize()).isEqualTo(20);
    assertThat(log.handlers()).hasSize(100);
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private Recorder failingTimes(String name, int priority, int failures, AtomicInteger attempts) {
    return recorder(
        name,
        priority,
        log,
        event -> {
          if (attempts.incrementAndGet() <= failures) {
            throw new VmException(name + " attempt " + attempts.get());
          }
        });
  }

  /** Waits, bounded, until {@code bus} refuses events because it is stopping. */
  private static void awaitStopping(AsyncEventBus bus) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        bus.publishAsync(VmEvent.stopped(-1));
        throw new AssertionError("the queue should be full");
      } catch (VmException refused) {
        if (refused.getMessage().contains("stopped")) {
          return;
        }
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("bus not stopping within " + WAIT);
  }

  private static void awaitUnchecked(CountDownLatch latch) throws VmException {
    try {
      if (!latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new VmException("gate not opened within " + WAIT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VmException(e);
    }
  }
}
