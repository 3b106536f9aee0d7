package vm.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many threads calling {@link AsyncEventBus#publishAsync(DomainEvent)} at once: every accepted
 * event is delivered exactly once, nothing else is, and the counters add up after {@link
 * AsyncEventBus#stop()}.
 */
class AsyncEventBusConcurrencyTest {

  private static final int THREADS = 8;
  private static final int EVENTS_PER_THREAD = 2_000;
  private static final int TOTAL = THREADS * EVENTS_PER_THREAD;
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** Every event with a sequence divisible by this fails in the flaky handler, retries included. */
  private static final int FAILING_EVERY = 100;

  private final UnifiedEventBus unified =
      EventBusFactory.builder().exceptionHandler(failure -> {}).build();
  private final DomainEventBus delegate = new DomainEventBus(unified);
  private final ExecutorService publishers = Executors.newFixedThreadPool(THREADS);

  /** Deliveries to the recording handler; a second delivery of an event is a duplicate. */
  private final Set<Long> delivered = ConcurrentHashMap.newKeySet();

  private final AtomicInteger duplicates = new AtomicInteger();

  @AfterEach
  void cleanUp() throws InterruptedException {
    publishers.shutdownNow();
    assertThat(publishers.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    unified.close();
  }

  private void subscribeRecorderAndFlakyHandler() {
    delegate.subscribe(
        VmEvent.STARTED,
        new EventHandler() {
          @Override
          public void handle(DomainEvent event) {
            if (!delivered.add(((VmEvent) event).sequence())) {
              duplicates.incrementAndGet();
            }
          }

          @Override
          public String name() {
            return "recorder";
          }
        });
    delegate.subscribe(
        VmEvent.STARTED,
        new EventHandler() {
          @Override
          public void handle(DomainEvent event) throws VmException {
            if (((VmEvent) event).sequence() % FAILING_EVERY == 0) {
              throw new VmException("flaky on " + event);
            }
          }

          @Override
          public int priority() {
            return 0; // after the recorder
          }

          @Override
          public String name() {
            return "flaky";
          }
        });
  }

  /**
   * Publishes {@link #EVENTS_PER_THREAD} events from each of {@link #THREADS} threads, released at
   * once, and returns the sequences the bus accepted; {@code rejected} counts the others.
   */
  private Set<Long> publishConcurrently(AsyncEventBus bus, LongAdder rejected) throws Exception {
    Set<Long> accepted = ConcurrentHashMap.newKeySet();
    CountDownLatch ready = new CountDownLatch(THREADS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> running = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      long first = (long) t * EVENTS_PER_THREAD;
      running.add(
          publishers.submit(
              () -> {
                ready.countDown();
                go.await();
                for (long sequence = first; sequence < first + EVENTS_PER_THREAD; sequence++) {
                  try {
                    bus.publishAsync(VmEvent.started(sequence));
                    accepted.add(sequence);
                  } catch (VmException full) {
                    rejected.increment();
                  }
                }
                return null;
              }));
    }
    assertThat(ready.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    go.countDown();
    for (Future<?> each : running) {
      each.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
    return accepted;
  }

  private static long failingAmong(Set<Long> sequences) {
    return sequences.stream().filter(sequence -> sequence % FAILING_EVERY == 0).count();
  }

  @Test
  void concurrentPublishers_withRoomForEverything_everyEventDeliveredExactlyOnce()
      throws Exception {
    subscribeRecorderAndFlakyHandler();
    AsyncEventBus bus =
        new AsyncEventBus(
            delegate,
            AsyncEventBusConfig.builder()
                .queueCapacity(TOTAL)
                .adaptiveBatching(true)
                .maxRetries(1)
                .retryDelayMillis(0)
                .build());
    bus.start();
    LongAdder rejected = new LongAdder();

    Set<Long> accepted = publishConcurrently(bus, rejected);
    assertTimeoutPreemptively(WAIT, bus::stop);

    assertThat(rejected.sum()).isZero();
    assertThat(accepted).hasSize(TOTAL);
    assertThat(delivered).isEqualTo(accepted);
    assertThat(duplicates).hasValue(0);
    AsyncEventBusStats stats = bus.getStats();
    long failing = failingAmong(accepted);
    assertThat(stats.eventsPublished()).isEqualTo(TOTAL);
    assertThat(stats.eventsFailed()).isEqualTo(failing);
    assertThat(stats.eventsProcessed()).isEqualTo(TOTAL - failing);
    assertThat(stats.eventsProcessed() + stats.eventsFailed()).isEqualTo(stats.eventsPublished());
    assertThat(stats.eventsRetried()).isEqualTo(failing);
    assertThat(stats.queueSize()).isZero();
  }

  @Test
  void concurrentPublishers_againstASmallQueue_deliverExactlyTheAcceptedEvents() throws Exception {
    subscribeRecorderAndFlakyHandler();
    AsyncEventBus bus =
        new AsyncEventBus(
            delegate,
            AsyncEventBusConfig.builder()
                .queueCapacity(64)
                .minBatchSize(1)
                .batchSize(16)
                .maxBatchSize(16)
                .adaptiveBatching(false)
                .maxRetries(0)
                .build());
    bus.start();
    LongAdder rejected = new LongAdder();

    Set<Long> accepted = publishConcurrently(bus, rejected);
    assertTimeoutPreemptively(WAIT, bus::stop);

    assertThat(accepted.size() + rejected.sum()).isEqualTo(TOTAL);
    assertThat(delivered).isEqualTo(accepted);
    assertThat(duplicates).hasValue(0);
    AsyncEventBusStats stats = bus.getStats();
    assertThat(stats.eventsPublished()).isEqualTo(accepted.size());
    assertThat(stats.eventsProcessed() + stats.eventsFailed()).isEqualTo(stats.eventsPublished());
    assertThat(stats.eventsFailed()).isEqualTo(failingAmong(accepted));
    assertThat(stats.eventsRetried()).isZero();
    assertThat(stats.queueSize()).isZero();
  }
}
