package dev.eventbus.processors.async;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.AsyncConfig;
import dev.eventbus.api.DomainEvent;
import dev.eventbus.api.DropListener;
import dev.eventbus.api.DroppedDelivery;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.EventHandler;
import dev.eventbus.api.EventPriority;
import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** Events, handlers and waits shared by the ASYNC processor tests. Only public API is used. */
public final class AsyncTestSupport {

  /** How long any test waits for something that should happen at once. */
  static final Duration TIMEOUT = Duration.ofSeconds(20);

  private AsyncTestSupport() {}

  /**
   * An event with a type name, a partition key (which picks the shard), a priority and a sequence.
   * {@code producer} tells concurrent publishers apart.
   */
  record Ev(String eventType, String partitionKey, EventPriority priority, int producer, int seq)
      implements DomainEvent {

    Ev {
      Objects.requireNonNull(eventType, "eventType");
      Objects.requireNonNull(partitionKey, "partitionKey");
      Objects.requireNonNull(priority, "priority");
    }

    static Ev of(String type, String key, int seq) {
      return new Ev(type, key, EventPriority.NORMAL, 0, seq);
    }

    static Ev of(String type, String key, EventPriority priority, int seq) {
      return new Ev(type, key, priority, 0, seq);
    }

    @Override
    public String toString() {
      return eventType + "/" + partitionKey + "/" + priority + "/p" + producer + "#" + seq;
    }
  }

  /** An ASYNC-by-default config with the given queue layout. */
  static EventBusConfig asyncConfig(
      int shards, int queueSize, OverflowPolicy policy, Duration blockTimeout) {
    return EventBusConfig.builder()
        .defaultMode(ProcessingMode.ASYNC)
        .async(
            AsyncConfig.builder()
                .shards(shards)
                .queueSize(queueSize)
                .overflowPolicy(policy)
                .blockTimeout(blockTimeout)
                .build())
        .build();
  }

  /** A bus of {@link #asyncConfig} that tells {@code drops} of every delivery it drops. */
  static UnifiedEventBus busTelling(
      Drops drops, int queueSize, OverflowPolicy policy, Duration blockTimeout) {
    return EventBusFactory.builder()
        .config(asyncConfig(1, queueSize, policy, blockTimeout))
        .dropListener(drops)
        .build();
  }

  /** Options that only name the subscription. */
  static SubscriptionOptions named(String name) {
    return SubscriptionOptions.builder().name(name).build();
  }

  /**
   * A handler that holds its shard's worker: it says it has started, then waits on a latch (never
   * by sleeping) until {@link #release()}. It can be interrupted, and says so.
   */
  static final class Gate implements EventHandler<Object> {
    private final CountDownLatch entered;
    private final CountDownLatch released = new CountDownLatch(1);
    private final CountDownLatch interrupted = new CountDownLatch(1);

    Gate(int holders) {
      this.entered = new CountDownLatch(holders);
    }

    @Override
    public void handle(Object event) throws InterruptedException {
      entered.countDown();
      try {
        released.await();
      } catch (InterruptedException stopped) {
        interrupted.countDown();
        throw stopped;
      }
    }

    @Override
    public String name() {
      return "gate";
    }

    /** Waits until as many workers as this gate was made for are held in it. */
    void awaitHeld() throws InterruptedException {
      assertThat(entered.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
          .as("gate entered by every worker it should hold")
          .isTrue();
    }

    void release() {
      released.countDown();
    }

    boolean awaitInterrupted() throws InterruptedException {
      return interrupted.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Keeps every dropped delivery it is told of. Thread-safe. */
  static final class Drops implements DropListener {
    private final List<DroppedDelivery> drops = new ArrayList<>();

    @Override
    public synchronized void onDropped(DroppedDelivery dropped) {
      drops.add(dropped);
    }

    synchronized List<DroppedDelivery> all() {
      return List.copyOf(drops);
    }

    synchronized List<Object> events() {
      return drops.stream().map(DroppedDelivery::event).toList();
    }
  }

  /**
   * Finds {@code count} partition keys that land on {@code count} different shards of a bus with
   * {@code shards} shards. Shards are told apart by the worker thread that delivers them: the
   * processor gives every shard a worker of its own on its own parallel scheduler.
   */
  public static List<String> keysOnDistinctShards(int shards, int count) throws Exception {
    Map<String, String> threadByKey = new ConcurrentHashMap<>();
    UnifiedEventBus probe =
        EventBusFactory.createWithConfig(
            asyncConfig(shards, 1_000, OverflowPolicy.BLOCK, Duration.ofSeconds(5)));
    try {
      probe.subscribe(
          Ev.class,
          event -> threadByKey.put(event.partitionKey(), Thread.currentThread().getName()));
      for (int i = 0; i < 64; i++) {
        probe
            .publishAsync(Ev.of("probe", "key-" + i, i))
            .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } finally {
      probe.stop(TIMEOUT);
    }
    Map<String, String> keyByThread = new LinkedHashMap<>();
    for (int i = 0; i < 64 && keyByThread.size() < count; i++) {
      String key = "key-" + i;
      keyByThread.putIfAbsent(Objects.requireNonNull(threadByKey.get(key)), key);
    }
    assertThat(keyByThread).as("keys on distinct shards").hasSize(count);
    return List.copyOf(keyByThread.values());
  }

  /**
   * Waits until {@code thread} is parked in a timed wait inside a method named {@code method} (a
   * publisher held by a full queue, say). Checks the thread's state, never sleeps.
   */
  static void awaitTimedWaitIn(Thread thread, String method) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!isTimedWaitingIn(thread, method)) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            thread.getName() + " did not wait in " + method + " within " + TIMEOUT);
      }
      Thread.onSpinWait();
      Thread.yield();
    }
  }

  private static boolean isTimedWaitingIn(Thread thread, String method) {
    if (thread.getState() != Thread.State.TIMED_WAITING) {
      return false;
    }
    for (StackTraceElement frame : thread.getStackTrace()) {
      if (frame.getMethodName().equals(method)) {
        return true;
      }
    }
    return false;
  }

  /** Runs {@code body} on a new named thread and keeps what it threw. */
  static final class Worker extends Thread {
    private final ThrowingRunnable body;
    private volatile @Nullable Throwable failure;
    private volatile boolean finished;

    interface ThrowingRunnable {
      void run() throws Exception;
    }

    Worker(String name, ThrowingRunnable body) {
      super(name);
      this.body = body;
      setDaemon(true);
    }

    @Override
    public void run() {
      try {
        body.run();
      } catch (Throwable thrown) {
        failure = thrown;
      } finally {
        finished = true;
      }
    }

    /** Waits for the thread to end and returns what it threw, or {@code null}. */
    @Nullable Throwable awaitEnd() throws InterruptedException {
      join(TIMEOUT.toMillis());
      assertThat(finished).as(getName() + " ended within " + TIMEOUT).isTrue();
      return failure;
    }
  }
}
