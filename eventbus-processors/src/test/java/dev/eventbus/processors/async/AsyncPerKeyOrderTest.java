package dev.eventbus.processors.async;

import static dev.eventbus.processors.async.AsyncTestSupport.TIMEOUT;
import static dev.eventbus.processors.async.AsyncTestSupport.asyncConfig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.EventBusStats;
import dev.eventbus.api.EventPriority;
import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.ShutdownReport;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import dev.eventbus.processors.async.AsyncTestSupport.Drops;
import dev.eventbus.processors.async.AsyncTestSupport.Ev;
import dev.eventbus.testkit.RecordingExceptionHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ASYNC keeps publish order per partition key, whatever the number of shards and publishers. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AsyncPerKeyOrderTest {

  private static final int PRODUCERS = 4;
  private static final int KEYS = 8;
  private static final int EVENTS_PER_PRODUCER = 20_000;

  @ParameterizedTest(name = "shards={0}")
  @ValueSource(ints = {2, 8})
  void concurrentProducers_eachKeysEventsArriveInPublishOrderPerProducer_noneLost(int shards)
      throws Exception {
    Drops drops = new Drops();
    RecordingExceptionHandler failures = new RecordingExceptionHandler();
    UnifiedEventBus bus =
        EventBusFactory.builder()
            .config(asyncConfig(shards, 1_024, OverflowPolicy.BLOCK, Duration.ofSeconds(30)))
            .dropListener(drops)
            .exceptionHandler(failures)
            .build();
    int total = PRODUCERS * EVENTS_PER_PRODUCER;
    // Per key, the (producer, sequence) pairs in arrival order. One key is one shard, one worker.
    Map<String, List<int[]>> arrivals = new ConcurrentHashMap<>();
    CountDownLatch allArrived = new CountDownLatch(total);
    bus.subscribe(
        Ev.class,
        event -> {
          arrivals
              .computeIfAbsent(
                  event.partitionKey(), key -> Collections.synchronizedList(new ArrayList<>()))
              .add(new int[] {event.producer(), event.seq()});
          allArrived.countDown();
        });

    CyclicBarrier start = new CyclicBarrier(PRODUCERS);
    ExecutorService producers = Executors.newFixedThreadPool(PRODUCERS);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int p = 0; p < PRODUCERS; p++) {
        int producer = p;
        running.add(
            producers.submit(
                () -> {
                  start.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                  for (int seq = 0; seq < EVENTS_PER_PRODUCER; seq++) {
                    String key = "key-" + ((seq + producer) % KEYS);
                    bus.publish(new Ev("load", key, EventPriority.NORMAL, producer, seq));
                  }
                  return null;
                }));
      }
      for (Future<?> producer : running) {
        producer.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } finally {
      producers.shutdownNow();
    }
    assertThat(allArrived.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
        .as("all %d events arrived", total)
        .isTrue();
    ShutdownReport report = bus.stop(TIMEOUT);

    for (int k = 0; k < KEYS; k++) {
      String key = "key-" + k;
      List<int[]> arrived = List.copyOf(arrivals.get(key));
      for (int producer = 0; producer < PRODUCERS; producer++) {
        int p = producer;
        List<Integer> expected = new ArrayList<>();
        for (int seq = 0; seq < EVENTS_PER_PRODUCER; seq++) {
          if ((seq + p) % KEYS == k) {
            expected.add(seq);
          }
        }
        List<Integer> actual =
            arrived.stream().filter(pair -> pair[0] == p).map(pair -> pair[1]).toList();
        assertThat(actual)
            .as("sequences of producer %d on %s, in arrival order", p, key)
            .isEqualTo(expected);
      }
    }
    EventBusStats stats = bus.stats();
    assertThat(stats.published()).isEqualTo(total);
    assertThat(stats.delivered()).isEqualTo(total);
    assertThat(stats.pending()).isZero();
    assertThat(stats.dropped()).isZero();
    assertThat(stats.failed()).isZero();
    assertThat(drops.all()).isEmpty();
    assertThat(failures.failures()).isEmpty();
    assertThat(report.completedInTime()).isTrue();
    assertThat(report.totalUndelivered()).isZero();
  }
}
