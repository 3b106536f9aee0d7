package dev.eventbus.processors.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.BatchConfig;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.EventBusState;
import dev.eventbus.api.EventHandler;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.ShutdownReport;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code stop(deadline)} accounts for work in flight: it waits for synchronous publishes still
 * running, up to its deadline, and names those it left running; it returns by its deadline whatever
 * a handler does, even one that spins and ignores interrupts; and {@code drained} counts every
 * delivery that finished after {@code stop()} was called, in every processor.
 *
 * <p>Deadlines are checked with a generous slack for a loaded machine: the point is that the stop
 * does not wait for the handler, which in these tests runs for much longer than the slack.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StopDeadlineTest {

  private static final Duration SLACK = Duration.ofSeconds(2);

  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void shutDownThreads() throws InterruptedException {
    threads.shutdownNow();
    assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void stop_waitsForASynchronousHandlerRunningInAPublish_untilItReturns() throws Exception {
    UnifiedEventBus bus = EventBusFactory.createDefault();
    Held handler = new Held();
    bus.subscribe(
        String.class,
        handler,
        SubscriptionOptions.builder().mode(ProcessingMode.SYNC).name("slow-sync").build());
    CompletableFuture<PublishResult> published =
        CompletableFuture.supplyAsync(() -> bus.publish("event"), threads);
    handler.awaitEntered();

    CompletableFuture<ShutdownReport> stopped =
        CompletableFuture.supplyAsync(() -> bus.stop(Duration.ofSeconds(30)), threads);
    Poll.until(
        () -> bus.state() == EventBusState.STOPPING,
        Duration.ofSeconds(10),
        () -> "the stop to begin");
    // Give the stop every chance to return early, which it must not while the handler runs.
    long holdUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
    Poll.until(() -> System.nanoTime() - holdUntil > 0, Duration.ofSeconds(5), () -> "a while");
    assertThat(stopped).as("stop returned while a synchronous handler ran").isNotDone();
    assertThat(bus.state()).isEqualTo(EventBusState.STOPPING);
    handler.release();

    ShutdownReport report = stopped.get(10, TimeUnit.SECONDS);
    assertThat(handler.handled()).isEqualTo(1);
    assertThat(published.get(10, TimeUnit.SECONDS).delivered()).isEqualTo(1);
    assertThat(report.completedInTime()).isTrue();
    assertThat(report.running()).isEmpty();
    assertThat(report.undelivered()).isEmpty();
    assertThat(bus.state()).isEqualTo(EventBusState.STOPPED);
  }

  @Test
  void stop_withASynchronousHandlerStillRunningAtTheDeadline_returnsByItAndNamesIt()
      throws Exception {
    UnifiedEventBus bus = EventBusFactory.createDefault();
    Held handler = new Held();
    Subscription subscription =
        bus.subscribe(
            String.class,
            handler,
            SubscriptionOptions.builder().mode(ProcessingMode.SYNC).name("stuck-sync").build());
    AtomicReference<String> publisherName = new AtomicReference<>();
    CompletableFuture<PublishResult> published =
        CompletableFuture.supplyAsync(
            () -> {
              publisherName.set(Thread.currentThread().getName());
              return bus.publish("event");
            },
            threads);
    handler.awaitEntered();

    Duration deadline = Duration.ofMillis(200);
    long start = System.nanoTime();
    ShutdownReport report = bus.stop(deadline);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isGreaterThanOrEqualTo(deadline).isLessThan(deadline.plus(SLACK));
    assertThat(report.completedInTime()).isFalse();
    assertThat(report.running())
        .containsExactly(
            new ShutdownReport.Running(
                publisherName.get(), subscription.id(), "stuck-sync", ProcessingMode.SYNC));
    assertThat(report.undelivered()).isEmpty();
    assertThat(published).isNotDone();
    handler.release();
    assertThat(published.get(10, TimeUnit.SECONDS).delivered()).isEqualTo(1);
  }

  /**
   * A handler that published an event of its own (which ran to its end) and then blocks is named as
   * the subscriber its thread is at: the nested publish put the enclosing one's place back, so the
   * report does not name the subscriber the nested publish was at last, nor one of the outer route
   * at that index.
   */
  @Test
  void stop_namesTheOuterSubscriber_afterANestedPublishHasEnded() throws Exception {
    UnifiedEventBus bus = EventBusFactory.createDefault();
    SubscriptionOptions sync = SubscriptionOptions.builder().mode(ProcessingMode.SYNC).build();
    bus.subscribe(String.class, event -> {}, sync.toBuilder().name("first").priority(20).build());
    bus.subscribe(Integer.class, event -> {}, sync.toBuilder().name("nested").build());
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch released = new CountDownLatch(1);
    Subscription blocking =
        bus.subscribe(
            String.class,
            event -> {
              bus.publish(42); // index 0 of its own route, as "first" is of this one
              entered.countDown();
              released.await();
            },
            sync.toBuilder().name("blocking").priority(10).build());
    AtomicReference<String> publisherName = new AtomicReference<>();
    CompletableFuture<PublishResult> published =
        CompletableFuture.supplyAsync(
            () -> {
              publisherName.set(Thread.currentThread().getName());
              return bus.publish("event");
            },
            threads);
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    ShutdownReport report = bus.stop(Duration.ofMillis(100));

    assertThat(report.running())
        .containsExactly(
            new ShutdownReport.Running(
                publisherName.get(), blocking.id(), "blocking", ProcessingMode.SYNC));
    released.countDown();
    assertThat(published.get(10, TimeUnit.SECONDS).delivered()).isEqualTo(2);
  }

  @Test
  void stop_calledFromASynchronousHandler_doesNotWaitForItsOwnPublish() throws Exception {
    UnifiedEventBus bus = EventBusFactory.createDefault();
    AtomicReference<ShutdownReport> report = new AtomicReference<>();
    bus.subscribe(
        String.class,
        event -> report.set(bus.stop(Duration.ofSeconds(30))),
        SubscriptionOptions.mode(ProcessingMode.SYNC));

    long start = System.nanoTime();
    assertThat(bus.publish("stop now").delivered()).isEqualTo(1);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isLessThan(SLACK);
    assertThat(report.get().completedInTime()).isTrue();
    assertThat(report.get().running()).isEmpty();
    assertThat(bus.state()).isEqualTo(EventBusState.STOPPED);
  }

  @Test
  void stop_withAnAsyncHandlerThatSpinsAndIgnoresInterrupts_returnsByTheDeadlineNamingIt()
      throws Exception {
    UnifiedEventBus bus = EventBusFactory.createDefault();
    CountDownLatch entered = new CountDownLatch(1);
    AtomicBoolean release = new AtomicBoolean();
    AtomicReference<String> workerName = new AtomicReference<>();
    Subscription subscription =
        bus.subscribe(
            String.class,
            event -> {
              workerName.set(Thread.currentThread().getName());
              entered.countDown();
              while (!release.get()) {
                Thread.onSpinWait(); // ignores interrupts
              }
            },
            SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).name("spinner").build());
    try {
      bus.publish("spin");
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
      bus.publish("queued behind the spinner");

      Duration deadline = Duration.ofMillis(200);
      long start = System.nanoTime();
      ShutdownReport report = bus.stop(deadline);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(took).isLessThan(deadline.plus(SLACK));
      assertThat(report.completedInTime()).isFalse();
      assertThat(report.running())
          .containsExactly(
              new ShutdownReport.Running(
                  workerName.get(), subscription.id(), "spinner", ProcessingMode.ASYNC));
      assertThat(report.undelivered())
          .containsExactly(new ShutdownReport.Undelivered(subscription.id(), "spinner", 2));
    } finally {
      release.set(true);
    }
  }

  /**
   * The ASYNC processor is stopped before the BATCH one; the batch deliveries finish while the stop
   * still waits for the ASYNC lane, and count as drained too.
   */
  @Test
  void drained_countsFromTheCallToStop_inEveryProcessor() throws Exception {
    UnifiedEventBus bus =
        EventBusFactory.builder()
            .config(
                EventBusConfig.builder()
                    .batch(
                        BatchConfig.builder()
                            .minBatchSize(1)
                            .defaultBatchSize(1)
                            .batchInterval(Duration.ofMillis(1))
                            .adaptiveBatching(false)
                            .build())
                    .build())
            .build();
    Held async = new Held();
    Held batch = new Held();
    bus.subscribe(Integer.class, async, SubscriptionOptions.mode(ProcessingMode.ASYNC));
    bus.subscribe(Long.class, batch, SubscriptionOptions.mode(ProcessingMode.BATCH));
    for (int i = 0; i < 3; i++) {
      bus.publish(i);
      bus.publish((long) i);
    }
    async.awaitEntered();
    batch.awaitEntered();

    AtomicReference<Thread> stopper = new AtomicReference<>();
    CompletableFuture<ShutdownReport> stopped =
        CompletableFuture.supplyAsync(
            () -> {
              stopper.set(Thread.currentThread());
              return bus.stop(Duration.ofSeconds(30));
            },
            threads);
    // Once the stop waits for the ASYNC lane, every processor has taken its count.
    Poll.until(
        () -> stopper.get() != null && isWaitingInALaneStop(stopper.get()),
        Duration.ofSeconds(10),
        () -> "the stop to wait for the ASYNC lane");
    batch.release();
    Poll.until(() -> batch.handled() == 3, Duration.ofSeconds(10), () -> "the batches");
    async.release();

    ShutdownReport report = stopped.get(20, TimeUnit.SECONDS);
    assertThat(async.handled()).isEqualTo(3);
    assertThat(report.completedInTime()).isTrue();
    assertThat(report.drained()).isEqualTo(6);
  }

  private static boolean isWaitingInALaneStop(Thread thread) {
    if (thread.getState() != Thread.State.TIMED_WAITING) {
      return false;
    }
    for (StackTraceElement frame : thread.getStackTrace()) {
      if (frame.getClassName().startsWith("dev.eventbus.processors.")
          && frame.getMethodName().equals("stop")) {
        return true;
      }
    }
    return false;
  }

  /** A handler that says it has started, then waits until released, and counts what it handled. */
  private static final class Held implements EventHandler<Object> {
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger handled = new AtomicInteger();

    @Override
    public void handle(Object event) throws InterruptedException {
      entered.countDown();
      released.await();
      handled.incrementAndGet();
    }

    void awaitEntered() throws InterruptedException {
      assertThat(entered.await(10, TimeUnit.SECONDS)).as("the handler started").isTrue();
    }

    void release() {
      released.countDown();
    }

    int handled() {
      return handled.get();
    }
  }
}
