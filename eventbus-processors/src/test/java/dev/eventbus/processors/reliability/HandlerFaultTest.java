package dev.eventbus.processors.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.AsyncConfig;
import dev.eventbus.api.BatchConfig;
import dev.eventbus.api.DomainEvent;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.EventBusOverloadedException;
import dev.eventbus.api.HandlerFailure;
import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.ShutdownReport;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import dev.eventbus.processors.async.AsyncTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Handlers that fail hard, block, get interrupted or publish from inside: each shows its documented
 * outcome, and that other subscriptions and later events are unaffected.
 */
class HandlerFaultTest {

  record Ev(String key, int n) implements DomainEvent {
    @Override
    public String eventType() {
      return "fault.ev";
    }

    @Override
    public String partitionKey() {
      return key;
    }
  }

  /** An application's own {@link Error}. */
  static final class HandlerBrokeError extends Error {
    private static final long serialVersionUID = 1L;

    HandlerBrokeError(String message) {
      super(message);
    }
  }

  enum Fault {
    STACK_OVERFLOW(StackOverflowError.class),
    CUSTOM_ERROR(HandlerBrokeError.class);

    final Class<? extends Throwable> type;

    Fault(Class<? extends Throwable> type) {
      this.type = type;
    }

    void raise() {
      if (this == STACK_OVERFLOW) {
        recurse(0);
      } else {
        throw new HandlerBrokeError("planned");
      }
    }
  }

  private static int recurse(int depth) {
    return depth == Integer.MIN_VALUE ? 0 : recurse(depth + 1) + 1;
  }

  static List<Arguments> modesAndFaults() {
    List<Arguments> cases = new ArrayList<>();
    for (ProcessingMode mode : ProcessingMode.values()) {
      for (Fault fault : Fault.values()) {
        cases.add(Arguments.of(mode, fault));
      }
    }
    return cases;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("modesAndFaults")
  void anErrorFromAHandler_isOneFailedDelivery_andNothingElseIsAffected(
      ProcessingMode mode, Fault fault) throws Exception {
    List<HandlerFailure> reported = Collections.synchronizedList(new ArrayList<>());
    UnifiedEventBus bus = EventBusFactory.builder().exceptionHandler(reported::add).build();
    try {
      List<Integer> faulty = Collections.synchronizedList(new ArrayList<>());
      List<Integer> healthy = Collections.synchronizedList(new ArrayList<>());
      bus.subscribe(
          Ev.class,
          event -> {
            faulty.add(event.n());
            if (event.n() == 1) {
              fault.raise();
            }
          },
          SubscriptionOptions.builder()
              .mode(mode)
              .priority(200)
              .name("faulty")
              .retryPolicy(RetryPolicy.fixed(2, Duration.ZERO))
              .build());
      bus.subscribe(
          Ev.class,
          event -> healthy.add(event.n()),
          SubscriptionOptions.builder().mode(mode).priority(100).name("healthy").build());

      PublishResult first = bus.publishAsync(new Ev("k", 1)).get(10, TimeUnit.SECONDS);
      PublishResult second = bus.publishAsync(new Ev("k", 2)).get(10, TimeUnit.SECONDS);

      assertThat(first.subscribers()).isEqualTo(2);
      assertThat(first.delivered()).isEqualTo(1);
      assertThat(first.failed()).isEqualTo(1);
      HandlerFailure failure = first.failures().get(0);
      assertThat(failure.cause()).isInstanceOf(fault.type);
      assertThat(failure.subscriptionName()).isEqualTo("faulty");
      assertThat(failure.attempts()).as("Errors are retried like exceptions").isEqualTo(2);
      assertThat(reported).hasSize(1);
      assertThat(reported.get(0).cause()).isInstanceOf(fault.type);
      assertThat(bus.deadLetters().orElseThrow().size()).isEqualTo(1);
      assertThat(second.delivered()).isEqualTo(2);
      assertThat(faulty).containsExactly(1, 1, 2);
      assertThat(healthy).containsExactly(1, 2);
      assertThat(bus.stats().failed()).isEqualTo(1);
      assertThat(bus.stats().delivered()).isEqualTo(3);
    } finally {
      bus.stop(Duration.ofSeconds(5));
    }
  }

  /** Two partition keys that go to different shards of a two-shard bus. */
  private static String[] keysOnShards0And1() throws Exception {
    return AsyncTestSupport.keysOnDistinctShards(2, 2).toArray(String[]::new);
  }

  @Test
  void async_aHandlerBlockedForever_holdsItsShardOnly_andStopReturnsByItsDeadlineWithAReport()
      throws Exception {
    String[] keys = keysOnShards0And1();
    String blockedKey = keys[0];
    String freeKey = keys[1];
    UnifiedEventBus bus =
        EventBusFactory.createWithConfig(
            EventBusConfig.builder().async(AsyncConfig.builder().shards(2).build()).build());
    CountDownLatch blocked = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    List<Ev> other = Collections.synchronizedList(new ArrayList<>());
    bus.subscribe(
        Ev.class,
        event -> {
          if (event.key().equals(blockedKey) && event.n() == 0) {
            blocked.countDown();
            try {
              never.await();
            } catch (InterruptedException e) {
              interrupted.set(true);
              throw e;
            }
          }
        },
        SubscriptionOptions.builder()
            .mode(ProcessingMode.ASYNC)
            .name("blocker")
            .priority(200)
            .build());
    bus.subscribe(
        Ev.class,
        other::add,
        SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).name("other").build());

    bus.publish(new Ev(blockedKey, 0));
    assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
    bus.publish(new Ev(blockedKey, 1));
    bus.publish(new Ev(blockedKey, 2));
    for (int n = 0; n < 10; n++) {
      assertThat(bus.publishAsync(new Ev(freeKey, n)).get(10, TimeUnit.SECONDS).delivered())
          .as("the other shard still delivers to both subscriptions")
          .isEqualTo(2);
    }
    assertThat(other).extracting(Ev::key).containsOnly(freeKey).hasSize(10);

    long start = System.nanoTime();
    ShutdownReport report = bus.stop(Duration.ofMillis(200));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isLessThan(Duration.ofSeconds(3));
    assertThat(report.completedInTime()).isFalse();
    Map<String, Long> undelivered =
        report.undelivered().stream()
            .collect(
                Collectors.toMap(
                    ShutdownReport.Undelivered::subscriptionName,
                    ShutdownReport.Undelivered::count));
    // The blocked delivery itself and everything queued behind it on its shard.
    assertThat(undelivered).isEqualTo(Map.of("blocker", 3L, "other", 3L));
    Poll.until(interrupted::get, Duration.ofSeconds(5), () -> "the blocked handler interrupted");
    assertThat(bus.stats().dropped()).isEqualTo(6);
    assertThat(bus.stats().pending()).isZero();
    assertThat(bus.stats().failed()).as("the interrupted delivery is not also failed").isZero();
  }

  @Test
  void asyncOrderFree_aHandlerBlockedForever_doesNotHoldTheShardOfOtherSubscriptions()
      throws Exception {
    UnifiedEventBus bus = EventBusFactory.createDefault();
    CountDownLatch blocked = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    bus.subscribe(
        Ev.class,
        event -> {
          blocked.countDown();
          never.await();
        },
        SubscriptionOptions.builder()
            .mode(ProcessingMode.ASYNC)
            .concurrency(2)
            .name("blocker")
            .build());
    List<Integer> other = Collections.synchronizedList(new ArrayList<>());
    bus.subscribe(
        Ev.class,
        event -> other.add(event.n()),
        SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).name("other").build());

    for (int n = 0; n < 5; n++) {
      bus.publish(new Ev("same-key", n));
    }
    assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
    Poll.until(() -> other.size() == 5, Duration.ofSeconds(10), () -> "other got " + other);
    ShutdownReport report = bus.stop(Duration.ofMillis(100));

    assertThat(other).containsExactly(0, 1, 2, 3, 4);
    assertThat(report.undelivered())
        .extracting(ShutdownReport.Undelivered::subscriptionName)
        .containsOnly("blocker");
    assertThat(report.totalUndelivered()).isEqualTo(5); // two running (concurrency 2), three queued
  }

  enum Interrupt {
    /** The handler sets its own thread's interrupt flag and returns normally. */
    SELF_INTERRUPT,
    /** The handler throws InterruptedException without the flag set. */
    THROWS_INTERRUPTED,
    /** Another thread interrupts the handler while it waits. */
    EXTERNAL_INTERRUPT
  }

  static List<Arguments> queuedModesAndInterrupts() {
    List<Arguments> cases = new ArrayList<>();
    for (ProcessingMode mode : List.of(ProcessingMode.ASYNC, ProcessingMode.BATCH)) {
      for (Interrupt interrupt : Interrupt.values()) {
        cases.add(Arguments.of(mode, interrupt));
      }
    }
    return cases;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("queuedModesAndInterrupts")
  void anInterruptedHandler_doesNotLeaveTheFlagOnTheWorker_forTheNextDelivery(
      ProcessingMode mode, Interrupt interrupt) throws Exception {
    UnifiedEventBus bus =
        EventBusFactory.createWithConfig(
            EventBusConfig.builder()
                .async(AsyncConfig.builder().shards(1).build())
                .batch(
                    BatchConfig.builder()
                        .adaptiveBatching(false)
                        .minBatchSize(1)
                        .defaultBatchSize(3)
                        .batchInterval(Duration.ofSeconds(30))
                        .build())
                .build());
    try {
      CountDownLatch gate = new CountDownLatch(1);
      CountDownLatch waiting = new CountDownLatch(1);
      AtomicReference<Thread> worker = new AtomicReference<>();
      List<String> seen = Collections.synchronizedList(new ArrayList<>());
      bus.subscribe(
          Ev.class,
          event -> {
            seen.add(
                event.n() + (Thread.currentThread().isInterrupted() ? ":interrupted" : ":clear"));
            if (event.n() == 0) {
              gate.await(10, TimeUnit.SECONDS); // holds the worker until 1 and 2 are queued
            } else if (event.n() == 1) {
              switch (interrupt) {
                case SELF_INTERRUPT -> Thread.currentThread().interrupt();
                case THROWS_INTERRUPTED -> throw new InterruptedException("planned");
                case EXTERNAL_INTERRUPT -> {
                  worker.set(Thread.currentThread());
                  waiting.countDown();
                  new CountDownLatch(1).await();
                }
              }
            }
          },
          SubscriptionOptions.builder()
              .mode(mode)
              .retryPolicy(RetryPolicy.fixed(3, Duration.ZERO))
              .build());

      var zero = bus.publishAsync(new Ev("k", 0));
      var one = bus.publishAsync(new Ev("k", 1));
      var two = bus.publishAsync(new Ev("k", 2));
      gate.countDown();
      if (interrupt == Interrupt.EXTERNAL_INTERRUPT) {
        assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
        worker.get().interrupt();
      }

      assertThat(zero.get(10, TimeUnit.SECONDS).delivered()).isEqualTo(1);
      PublishResult interrupted = one.get(10, TimeUnit.SECONDS);
      assertThat(two.get(10, TimeUnit.SECONDS).delivered()).isEqualTo(1);
      if (interrupt == Interrupt.SELF_INTERRUPT) {
        assertThat(interrupted.delivered()).isEqualTo(1);
      } else {
        assertThat(interrupted.failed()).isEqualTo(1);
        assertThat(interrupted.failures().get(0).cause()).isInstanceOf(InterruptedException.class);
        assertThat(interrupted.failures().get(0).attempts())
            .as("an interrupt ends the retries")
            .isEqualTo(1);
      }
      assertThat(seen.subList(0, 3)).containsExactly("0:clear", "1:clear", "2:clear");
      // The worker still takes new work (three events: one whole batch in BATCH mode).
      var later = List.of(3, 4, 5).stream().map(n -> bus.publishAsync(new Ev("k", n))).toList();
      for (var result : later) {
        assertThat(result.get(10, TimeUnit.SECONDS).delivered()).isEqualTo(1);
      }
      assertThat(seen).endsWith("3:clear", "4:clear", "5:clear");
    } finally {
      bus.stop(Duration.ofSeconds(5));
    }
  }

  @Test
  void sync_anInterruptFromAHandler_staysOnThePublishersThread_andTheOtherHandlersStillRun() {
    UnifiedEventBus bus = EventBusFactory.createDefault();
    List<String> seen = new ArrayList<>();
    bus.subscribe(
        Ev.class,
        event -> {
          seen.add("thrower");
          throw new InterruptedException("planned");
        },
        SubscriptionOptions.builder().priority(200).build());
    bus.subscribe(Ev.class, event -> seen.add("next"), SubscriptionOptions.builder().build());
    try {
      PublishResult result = bus.publish(new Ev("k", 1));

      assertThat(result.failed()).isEqualTo(1);
      assertThat(result.delivered()).isEqualTo(1);
      assertThat(seen).containsExactly("thrower", "next");
      assertThat(Thread.currentThread().isInterrupted())
          .as("HandlerInvoker: an InterruptedException leaves the thread's interrupt flag set")
          .isTrue();
    } finally {
      Thread.interrupted();
      bus.stop(Duration.ofSeconds(5));
    }
  }

  record Outer(int n) {}

  record Inner(int n) {}

  record Depth(int n) {}

  @Test
  void sync_aNestedPublish_isDeliveredDepthFirst_beforeTheOuterPublishContinues() {
    UnifiedEventBus bus = EventBusFactory.createDefault();
    List<String> log = new ArrayList<>();
    bus.subscribe(
        Outer.class,
        event -> {
          log.add("A:outer");
          bus.publish(new Inner(event.n()));
          log.add("A:after");
        },
        SubscriptionOptions.builder().priority(200).build());
    bus.subscribe(Outer.class, event -> log.add("B:outer"), SubscriptionOptions.builder().build());
    bus.subscribe(Inner.class, event -> log.add("C:inner"));
    AtomicInteger deepest = new AtomicInteger();
    bus.subscribe(
        Depth.class,
        event -> {
          deepest.set(event.n());
          if (event.n() < 200) {
            bus.publish(new Depth(event.n() + 1));
          }
        });

    bus.publish(new Outer(1));
    bus.publish(new Depth(1));

    assertThat(log).containsExactly("A:outer", "C:inner", "A:after", "B:outer");
    assertThat(deepest.get()).isEqualTo(200);
    assertThat(bus.stats().failed()).isZero();
    bus.stop(Duration.ofSeconds(5));
  }

  @Test
  void async_aHandlerPublishingIntoItsOwnFullLane_failsFastInsteadOfDeadlocking() throws Exception {
    Duration blockTimeout = Duration.ofSeconds(10);
    UnifiedEventBus bus =
        EventBusFactory.builder()
            .config(
                EventBusConfig.builder()
                    .async(
                        AsyncConfig.builder()
                            .shards(1)
                            .queueSize(1)
                            .overflowPolicy(OverflowPolicy.BLOCK)
                            .blockTimeout(blockTimeout)
                            .build())
                    .build())
            .dropListener(dropped -> {})
            .build();
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    List<Integer> inner = Collections.synchronizedList(new ArrayList<>());
    bus.subscribe(
        Outer.class,
        event -> {
          for (int n = 0; n < 3; n++) {
            try {
              bus.publish(new Inner(n));
              accepted.incrementAndGet();
            } catch (EventBusOverloadedException full) {
              refused.incrementAndGet();
            }
          }
        },
        SubscriptionOptions.mode(ProcessingMode.ASYNC));
    bus.subscribe(
        Inner.class, event -> inner.add(event.n()), SubscriptionOptions.mode(ProcessingMode.ASYNC));

    long start = System.nanoTime();
    assertThat(bus.publishAsync(new Outer(1)).get(5, TimeUnit.SECONDS).delivered()).isEqualTo(1);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(blockTimeout);
    assertThat(accepted.get()).isEqualTo(1);
    assertThat(refused.get()).isEqualTo(2);
    Poll.until(() -> inner.size() == 1, Duration.ofSeconds(5), () -> "inner " + inner);
    assertThat(inner).containsExactly(0);
    assertThat(bus.stats().dropped()).isEqualTo(2);
    bus.stop(Duration.ofSeconds(5));
  }

  @Test
  void async_aHandlerPublishingToTheBus_hasItsEventsDeliveredInPublishOrder() throws Exception {
    UnifiedEventBus bus = EventBusFactory.createDefault();
    List<Integer> inner = Collections.synchronizedList(new ArrayList<>());
    bus.subscribe(
        Outer.class,
        event -> {
          for (int n = 0; n < 100; n++) {
            bus.publish(new Inner(n));
          }
        },
        SubscriptionOptions.mode(ProcessingMode.ASYNC));
    bus.subscribe(
        Inner.class, event -> inner.add(event.n()), SubscriptionOptions.mode(ProcessingMode.ASYNC));

    bus.publishAsync(new Outer(1)).get(5, TimeUnit.SECONDS);
    ShutdownReport report = bus.stop(Duration.ofSeconds(5));

    assertThat(report.completedInTime()).isTrue();
    List<Integer> expected = new ArrayList<>();
    for (int n = 0; n < 100; n++) {
      expected.add(n);
    }
    assertThat(inner).isEqualTo(expected);
    assertThat(Function.<Integer>identity().apply(inner.size())).isEqualTo(100);
  }

  @ParameterizedTest
  @EnumSource(ProcessingMode.class)
  void everyModeSurvivesAFaultyHandlerPerEvent(ProcessingMode mode) throws Exception {
    // Covered per fault above; this checks a long run of alternating faults keeps the bus usable.
    UnifiedEventBus bus = EventBusFactory.builder().exceptionHandler(failure -> {}).build();
    AtomicInteger ok = new AtomicInteger();
    bus.subscribe(
        Ev.class,
        event -> {
          switch (event.n() % 3) {
            case 0 -> recurse(0);
            case 1 -> throw new HandlerBrokeError("planned");
            default -> ok.incrementAndGet();
          }
        },
        SubscriptionOptions.mode(mode));
    List<java.util.concurrent.CompletableFuture<PublishResult>> results = new ArrayList<>();
    for (int n = 0; n < 30; n++) {
      results.add(bus.publishAsync(new Ev("k", n)));
    }
    int failed = 0;
    for (var result : results) {
      failed += result.get(10, TimeUnit.SECONDS).failed();
    }
    assertThat(failed).isEqualTo(20);
    assertThat(ok.get()).isEqualTo(10);
    bus.stop(Duration.ofSeconds(5));
  }
}
