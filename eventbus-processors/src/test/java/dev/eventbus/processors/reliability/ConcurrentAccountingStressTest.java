package dev.eventbus.processors.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.AdaptiveConfig;
import dev.eventbus.api.AsyncConfig;
import dev.eventbus.api.BatchConfig;
import dev.eventbus.api.DomainEvent;
import dev.eventbus.api.DroppedDelivery;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.EventBusOverloadedException;
import dev.eventbus.api.EventBusStats;
import dev.eventbus.api.EventBusStoppedException;
import dev.eventbus.api.EventHandler;
import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.ShutdownReport;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Eight threads publish, subscribe, unsubscribe and stop one bus at once, in each mode; afterwards
 * every (subscription, event) pair the bus matched must be accounted for exactly once, and the
 * counters must agree with what the handlers and filters themselves saw.
 *
 * <p>What the counters mean (from {@link EventBusStats} and {@link ShutdownReport}): {@code
 * published} counts events and {@code unhandled} the events no subscription matched; {@code
 * delivered}, {@code failed}, {@code filtered} and {@code dropped} count (subscription, event)
 * pairs; a delivery still queued when the bus stopped is reported in {@link
 * ShutdownReport#undelivered()} <em>and</em> counted in {@code dropped}. So once nothing is
 * pending, the sum of {@link PublishResult#subscribers()} over all accepted publishes equals {@code
 * delivered + failed + filtered + dropped}.
 */
class ConcurrentAccountingStressTest {

  private static final int PUBLISHERS = 4; // two with publish, two with publishAsync
  private static final int CHURNERS = 3;
  private static final Duration OPS_BUDGET = Duration.ofMillis(400);
  private static final long PUBLISH_TARGET = 40_000;
  private static final String STOPPED_BEFORE_DELIVERY = "bus stopped before delivery";

  record Ev(int publisher, int seq) implements DomainEvent {
    @Override
    public String eventType() {
      return "stress.ev";
    }

    @Override
    public String partitionKey() {
      return "p" + publisher;
    }
  }

  /** What the handlers and filters saw, counted by themselves. */
  static final class Seen {
    final LongAdder handled = new LongAdder();
    final LongAdder threw = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder running = new LongAdder();
  }

  static List<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (ProcessingMode mode : ProcessingMode.values()) {
      cases.add(Arguments.of(mode, Duration.ofSeconds(10)));
      cases.add(Arguments.of(mode, Duration.ZERO));
    }
    return cases;
  }

  private static EventBusConfig config(ProcessingMode mode) {
    return EventBusConfig.builder()
        .defaultMode(mode)
        .async(
            AsyncConfig.builder()
                .shards(2)
                .queueSize(256)
                .overflowPolicy(OverflowPolicy.DROP_NEWEST)
                .blockTimeout(Duration.ofMillis(2))
                .build())
        .batch(
            BatchConfig.builder()
                .minBatchSize(1)
                .defaultBatchSize(16)
                .maxBatchSize(64)
                .batchInterval(Duration.ofMillis(1))
                .build())
        .adaptive(
            AdaptiveConfig.builder()
                .window(Duration.ofMillis(5))
                .stableWindows(1)
                .asyncLatencyThreshold(Duration.ofNanos(2_000))
                .batchRateThreshold(20_000)
                .build())
        .deadLetterCapacity(1_000_000)
        .build();
  }

  @ParameterizedTest(name = "{0}, stop timeout {1}")
  @MethodSource("cases")
  void everyMatchedDeliveryIsAccountedForExactlyOnce(ProcessingMode mode, Duration stopTimeout)
      throws Exception {
    Seen seen = new Seen();
    Queue<DroppedDelivery> drops = new ConcurrentLinkedQueue<>();
    UnifiedEventBus bus =
        EventBusFactory.builder()
            .config(config(mode))
            .dropListener(drops::add)
            .exceptionHandler(failure -> {})
            .build();
    for (int i = 0; i < 4; i++) {
      bus.subscribe(Ev.class, handler(seen, i % 2 == 0), options(new SplittableRandom(i), seen));
    }

    LongAdder accepted = new LongAdder();
    LongAdder matchedPairs = new LongAdder();
    LongAdder unhandled = new LongAdder();
    Queue<CompletableFuture<PublishResult>> futures = new ConcurrentLinkedQueue<>();
    AtomicBoolean stopped = new AtomicBoolean();
    AtomicReference<ShutdownReport> report = new AtomicReference<>();
    Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    CyclicBarrier start = new CyclicBarrier(PUBLISHERS + CHURNERS + 1);
    List<Thread> threads = new ArrayList<>();

    for (int p = 0; p < PUBLISHERS; p++) {
      int publisher = p;
      threads.add(
          thread(
              "publisher-" + p,
              start,
              unexpected,
              () -> {
                for (int seq = 0; ; seq++) {
                  Ev event = new Ev(publisher, seq);
                  try {
                    if (publisher % 2 == 0) {
                      PublishResult result = bus.publish(event);
                      accepted.increment();
                      count(result, matchedPairs, unhandled);
                    } else {
                      futures.add(bus.publishAsync(event));
                      accepted.increment();
                    }
                  } catch (EventBusOverloadedException overloaded) {
                    accepted.increment();
                    count(overloaded.result().orElseThrow(), matchedPairs, unhandled);
                  } catch (EventBusStoppedException stop) {
                    return;
                  }
                }
              }));
    }
    for (int c = 0; c < CHURNERS; c++) {
      SplittableRandom random = new SplittableRandom(100 + c);
      threads.add(
          thread(
              "churner-" + c,
              start,
              unexpected,
              () -> {
                List<Subscription> mine = new ArrayList<>();
                while (!stopped.get()) {
                  try {
                    if (mine.size() < 3 || random.nextInt(3) > 0) {
                      mine.add(
                          bus.subscribe(
                              Ev.class,
                              handler(seen, random.nextBoolean()),
                              options(random, seen)));
                    }
                    if (mine.size() > 2) {
                      Subscription gone = mine.remove(random.nextInt(mine.size()));
                      if (random.nextBoolean()) {
                        gone.close();
                      } else {
                        bus.unsubscribe(gone.id());
                      }
                    }
                  } catch (EventBusStoppedException stop) {
                    return;
                  }
                }
              }));
    }
    Thread stopper =
        thread(
            "stopper",
            start,
            unexpected,
            () -> {
              long deadline = System.nanoTime() + OPS_BUDGET.toNanos();
              Poll.until(
                  () -> accepted.sum() >= PUBLISH_TARGET || System.nanoTime() - deadline > 0,
                  OPS_BUDGET.plusSeconds(5),
                  () -> "the stop's turn");
              report.set(bus.stop(stopTimeout));
              stopped.set(true);
            });
    threads.add(stopper);
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(20));
      assertThat(thread.isAlive()).as("%s still running: a hang", thread.getName()).isFalse();
    }
    assertThat(unexpected).isEmpty();

    // Every publishAsync future completes, whatever the stop left undone.
    for (CompletableFuture<PublishResult> future : futures) {
      PublishResult result;
      try {
        result = future.get(5, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException failed) {
        assertThat(failed.getCause()).isInstanceOf(EventBusOverloadedException.class);
        result = ((EventBusOverloadedException) failed.getCause()).result().orElseThrow();
      }
      count(result, matchedPairs, unhandled);
    }
    // A handler abandoned by a stop that timed out may still be running (it was interrupted).
    Poll.until(() -> seen.running.sum() == 0, Duration.ofSeconds(5), () -> "handlers to return");

    EventBusStats stats = bus.stats();
    ShutdownReport shutdown = report.get();
    long stoppedBeforeDelivery =
        drops.stream().filter(d -> d.reason().equals(STOPPED_BEFORE_DELIVERY)).count();
    String context = mode + " " + stats + " " + shutdown + ", accepted=" + accepted.sum();

    assertThat(stats.pending()).as(context).isZero();
    assertThat(stats.published()).as(context).isEqualTo(accepted.sum());
    assertThat(stats.unhandled()).as(context).isEqualTo(unhandled.sum());
    assertThat(stats.delivered() + stats.failed() + stats.filtered() + stats.dropped())
        .as(context)
        .isEqualTo(matchedPairs.sum());
    assertThat(stats.filtered()).as(context).isEqualTo(seen.rejected.sum());
    assertThat(stats.deadLettered()).as(context).isEqualTo(stats.failed());
    assertThat(bus.deadLetters().orElseThrow().size()).as(context).isEqualTo(stats.failed());
    assertThat(stats.retried()).as(context).isZero();
    // Undelivered at stop: reported per subscription, told to the drop listener, counted dropped.
    assertThat(shutdown.totalUndelivered()).as(context).isEqualTo(stoppedBeforeDelivery);
    assertThat(stats.dropped()).as(context).isGreaterThanOrEqualTo(drops.size());
    assertThat(shutdown.drained())
        .as(context)
        .isLessThanOrEqualTo(stats.delivered() + stats.failed());
    if (stopTimeout.isZero()) {
      // A handler that was running when the stop gave up on it counts as undelivered even if it
      // then returned: at most one per lane (2 shards, or one per subscription otherwise).
      long ranButAbandoned =
          seen.handled.sum() + seen.threw.sum() - stats.delivered() - stats.failed();
      assertThat(ranButAbandoned).as(context).isBetween(0L, shutdown.totalUndelivered());
    } else {
      assertThat(shutdown.completedInTime()).as(context).isTrue();
      assertThat(shutdown.totalUndelivered()).as(context).isZero();
      assertThat(stats.delivered()).as(context).isEqualTo(seen.handled.sum());
      assertThat(stats.failed()).as(context).isEqualTo(seen.threw.sum());
    }
    assertThat(stats.published()).as(context).isPositive();
    assertThat(stats.delivered()).as(context).isPositive();
    assertThat(stats.failed()).as(context).isPositive();
  }

  private static void count(PublishResult result, LongAdder matchedPairs, LongAdder unhandled) {
    matchedPairs.add(result.subscribers());
    if (result.hasNoSubscribers()) {
      unhandled.increment();
    }
  }

  private static EventHandler<Ev> handler(Seen seen, boolean failsSometimes) {
    return event -> {
      seen.running.increment();
      try {
        if (failsSometimes && event.seq() % 7 == 0) {
          seen.threw.increment();
          throw new IllegalStateException("planned failure on " + event);
        }
        seen.handled.increment();
      } finally {
        seen.running.decrement();
      }
    };
  }

  private static SubscriptionOptions options(SplittableRandom random, Seen seen) {
    SubscriptionOptions.Builder options = SubscriptionOptions.builder();
    options.overflowPolicy(OverflowPolicy.values()[random.nextInt(OverflowPolicy.values().length)]);
    if (random.nextBoolean()) {
      options.filter(
          event -> {
            boolean accept = ((Ev) event).seq() % 5 != 0;
            if (!accept) {
              seen.rejected.increment();
            }
            return accept;
          });
    }
    return options.build();
  }

  private interface Body {
    void run() throws Exception;
  }

  private static Thread thread(
      String name, CyclicBarrier start, Queue<Throwable> unexpected, Body body) {
    Thread thread =
        new Thread(
            () -> {
              try {
                start.await(10, TimeUnit.SECONDS);
                body.run();
              } catch (Throwable failure) {
                unexpected.add(failure);
              }
            },
            name);
    thread.setDaemon(true);
    return thread;
  }
}
