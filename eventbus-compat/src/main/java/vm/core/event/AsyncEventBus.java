package vm.core.event;

import dev.eventbus.api.HandlerFailure;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.UnifiedEventBus;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;
import vm.core.event.DomainEventBus.Redelivery;

/**
 * The legacy asynchronous event bus: a bounded queue and one worker thread in front of a {@link
 * DomainEventBus}. Part of the compat surface (see the {@linkplain vm.core.event package
 * description}); new code subscribes to the {@link UnifiedEventBus} in an asynchronous or batch
 * {@link dev.eventbus.api.ProcessingMode} instead.
 *
 * <h2>Delivery</h2>
 *
 * {@link #publishAsync(DomainEvent)} only queues the event. The worker thread takes events in
 * batches (see {@link AsyncEventBusConfig}) and publishes each one, in publish order, to the
 * delegate's {@linkplain DomainEventBus#unifiedBus() unified bus}. So every handler subscribed on
 * the delegate, and every native subscriber of that unified bus, receives it exactly as from {@link
 * DomainEventBus#publish(DomainEvent)}, in priority order, but on the worker thread rather than the
 * publisher's.
 *
 * <h2>Retries</h2>
 *
 * When legacy handlers subscribed through the delegate fail, the worker waits {@link
 * AsyncEventBusConfig#retryDelayMillis()} and runs again only those handlers, in priority order, up
 * to {@link AsyncEventBusConfig#maxRetries()} times; handlers that succeeded are not run again.
 * Each handler run again counts once in {@link AsyncEventBusStats#eventsRetried()}. If a handler
 * still fails after its last retry, the event counts as {@linkplain
 * AsyncEventBusStats#eventsFailed() failed} and the last failure of each such handler is logged at
 * WARNING through {@link System.Logger}; otherwise it counts as {@linkplain
 * AsyncEventBusStats#eventsProcessed() processed}. Retries run on the worker, so later events wait
 * for them: events stay in publish order.
 *
 * <p>Failures this bus cannot run again also make the event failed at once: those of native
 * subscribers (the unified bus has already retried them per their own {@link
 * dev.eventbus.api.RetryPolicy}), those of subscriptions made through another {@code
 * DomainEventBus} on the same unified bus, and those of handlers unsubscribed before their retry.
 * So does an event the unified bus refuses, for example because it was stopped.
 *
 * <h2>Lifecycle</h2>
 *
 * Not started → {@link #start()} → running → {@link #stop()} → stopped. Only a running bus accepts
 * events, and a stopped one cannot be started again. {@code stop()} refuses new events, lets the
 * worker deliver every queued event (retries included), and returns when it has finished. The
 * worker is a daemon thread, so a bus that is never stopped does not keep the JVM alive, and events
 * still queued at exit are lost. The bus does not own the delegate: stopping it leaves the delegate
 * and its unified bus running.
 *
 * <h2>Threads</h2>
 *
 * Every method may be called from any thread at any time, including from a handler.
 *
 * @since 0.1
 */
public class AsyncEventBus {

  private static final System.Logger LOG = System.getLogger(AsyncEventBus.class.getName());
  private static final AtomicInteger LAST_WORKER = new AtomicInteger();

  /** Queued by {@link #stop()} to wake an idle worker; never delivered or counted. */
  private static final DomainEvent WAKE_UP = () -> "vm.core.event.AsyncEventBus.wake-up";

  private enum State {
    NEW,
    RUNNING,
    STOPPING,
    STOPPED
  }

  private final DomainEventBus delegate;
  private final AsyncEventBusConfig config;

  /** Unbounded: {@link #queued} enforces the capacity, so that {@link #WAKE_UP} always fits. */
  private final LinkedBlockingQueue<DomainEvent> queue = new LinkedBlockingQueue<>();

  /** Events in {@link #queue}, {@link #WAKE_UP} excluded. */
  private final AtomicInteger queued = new AtomicInteger();

  /**
   * Publishers hold the read lock while they check the state and queue an event; {@link #start()}
   * and {@link #stop()} change the state under the write lock. So once the state has left RUNNING,
   * no event can be queued any more, and the worker may stop when the queue is empty.
   */
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();

  private volatile State state = State.NEW;
  private @Nullable Thread worker;

  private final LongAdder published = new LongAdder();
  private final LongAdder processed = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder retried = new LongAdder();
  private volatile int currentBatchSize;
  private volatile long startedNanos;
  private volatile long stoppedNanos;

  /**
   * An asynchronous bus in front of {@code delegate}, with {@link AsyncEventBusConfig#defaults()}.
   *
   * @param delegate the synchronous bus the worker thread delivers through
   * @throws NullPointerException if {@code delegate} is null
   */
  public AsyncEventBus(DomainEventBus delegate) {
    this(delegate, AsyncEventBusConfig.defaults());
  }

  /**
   * An asynchronous bus in front of {@code delegate}, configured by {@code config}. It does not run
   * until {@link #start()}.
   *
   * @param delegate the synchronous bus the worker thread delivers through
   * @param config queue, batching and retry settings
   * @throws NullPointerException if an argument is null
   */
  public AsyncEventBus(DomainEventBus delegate, AsyncEventBusConfig config) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.config = Objects.requireNonNull(config, "config");
    this.currentBatchSize = config.batchSize();
  }

  /**
   * Starts the worker thread; from now on {@link #publishAsync(DomainEvent)} accepts events.
   * Idempotent on a running bus.
   *
   * @throws IllegalStateException if the bus is stopping or stopped: it cannot be restarted
   */
  public void start() {
    lifecycle.writeLock().lock();
    try {
      switch (state) {
        case NEW -> {
          Thread thread =
              new Thread(this::work, "vm-async-event-bus-" + LAST_WORKER.incrementAndGet());
          thread.setDaemon(true);
          worker = thread;
          startedNanos = System.nanoTime();
          state = State.RUNNING;
          thread.start();
        }
        case RUNNING -> {
          // already running
        }
        case STOPPING, STOPPED ->
            throw new IllegalStateException("AsyncEventBus was stopped; it cannot be restarted");
      }
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  /**
   * Stops accepting events, waits until the worker has delivered every queued event (retries
   * included), then returns. Idempotent; a bus never started just becomes stopped. Called from a
   * handler, that is on the worker thread itself, it returns at once and the worker stops once it
   * has drained the queue. If the calling thread is interrupted while waiting, it keeps waiting and
   * its interrupt status is set again on return.
   */
  public void stop() {
    Thread toJoin;
    lifecycle.writeLock().lock();
    try {
      if (state == State.NEW) {
        state = State.STOPPED;
        return;
      }
      if (state == State.RUNNING) {
        state = State.STOPPING;
        queue.add(WAKE_UP);
      }
      toJoin = worker;
    } finally {
      lifecycle.writeLock().unlock();
    }
    if (toJoin == null || toJoin == Thread.currentThread()) {
      return;
    }
    boolean interrupted = false;
    while (true) {
      try {
        toJoin.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Queues {@code event} for delivery on the worker thread and returns at once.
   *
   * @param event the event to deliver
   * @throws NullPointerException if {@code event} is null
   * @throws VmException if the bus has not been started, is stopping or stopped, or its queue
   *     already holds {@link AsyncEventBusConfig#queueCapacity()} events
   */
  public void publishAsync(DomainEvent event) throws VmException {
    Objects.requireNonNull(event, "event");
    lifecycle.readLock().lock();
    try {
      State now = state;
      if (now != State.RUNNING) {
        throw new VmException(
            "cannot publish '"
                + event.eventType()
                + "': AsyncEventBus is "
                + (now == State.NEW ? "not started" : "stopped"));
      }
      int capacity = config.queueCapacity();
      int size;
      do {
        size = queued.get();
        if (size >= capacity) {
          throw new VmException(
              "cannot publish '"
                  + event.eventType()
                  + "': AsyncEventBus queue is full ("
                  + capacity
                  + " events)");
        }
      } while (!queued.compareAndSet(size, size + 1));
      queue.add(event);
      published.increment();
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** {@return the counters now (see {@link AsyncEventBusStats})} */
  public AsyncEventBusStats getStats() {
    long done = processed.sum() + failed.sum();
    return new AsyncEventBusStats(
        published.sum(),
        processed.sum(),
        failed.sum(),
        retried.sum(),
        rate(done),
        queued.get(),
        currentBatchSize);
  }

  @Override
  public String toString() {
    return "AsyncEventBus{state=" + state + ", " + getStats() + ", delegate=" + delegate + '}';
  }

  private double rate(long done) {
    State now = state;
    if (now == State.NEW) {
      return 0.0;
    }
    long end = now == State.STOPPED ? stoppedNanos : System.nanoTime();
    long elapsed = end - startedNanos;
    return elapsed <= 0 ? 0.0 : done * 1e9 / elapsed;
  }

  // ---- the worker ------------------------------------------------------------------------------

  private void work() {
    List<DomainEvent> batch = new ArrayList<>();
    try {
      while (state == State.RUNNING || queued.get() > 0) {
        DomainEvent first = take();
        if (first == WAKE_UP) {
          continue;
        }
        batch.add(first);
        queued.decrementAndGet();
        int size = currentBatchSize;
        fill(batch, size);
        for (DomainEvent event : batch) {
          deliver(event);
        }
        adapt(batch.size(), size);
        batch.clear();
      }
    } finally {
      stoppedNanos = System.nanoTime();
      state = State.STOPPED;
    }
  }

  private DomainEvent take() {
    while (true) {
      try {
        return queue.take();
      } catch (InterruptedException e) {
        // Only a handler interrupts this thread; it must not stop the bus.
      }
    }
  }

  /** Adds queued events to {@code batch} until it holds {@code size} or the interval has passed. */
  private void fill(List<DomainEvent> batch, int size) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.batchIntervalMillis());
    while (batch.size() < size) {
      DomainEvent next = queue.poll();
      if (next == null) {
        long remaining = deadline - System.nanoTime();
        if (state != State.RUNNING || remaining <= 0) {
          return; // stopping: deliver what there is without waiting
        }
        try {
          next = queue.poll(remaining, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          return;
        }
        if (next == null) {
          return;
        }
      }
      if (next != WAKE_UP) {
        batch.add(next);
        queued.decrementAndGet();
      }
    }
  }

  /** Grows the batch size while events back up, shrinks it while batches leave half empty. */
  private void adapt(int taken, int size) {
    if (!config.adaptiveBatching()) {
      return;
    }
    if (taken == size && queued.get() >= size) {
      currentBatchSize = Math.min(config.maxBatchSize(), size * 2);
    } else if (taken < size / 2) {
      currentBatchSize = Math.max(config.minBatchSize(), size / 2);
    }
  }

  private void deliver(DomainEvent event) {
    try {
      PublishResult result = delegate.unifiedBus().publish(event);
      List<HandlerFailure> finalFailures = retry(event, result.failures());
      if (finalFailures.isEmpty()) {
        processed.increment();
      } else {
        failed.increment();
        for (HandlerFailure failure : finalFailures) {
          LOG.log(
              Level.WARNING,
              "AsyncEventBus: handler '"
                  + failure.subscriptionName()
                  + "' failed on '"
                  + event.eventType()
                  + "' after "
                  + failure.attempts()
                  + " attempt(s)",
              failure.cause());
        }
      }
    } catch (RuntimeException | Error refused) {
      // The unified bus refused the event (stopped, overloaded), or something failed outside any
      // handler; the worker must go on with the other events.
      failed.increment();
      LOG.log(
          Level.WARNING, "AsyncEventBus: could not deliver '" + event.eventType() + "'", refused);
    }
  }

  /**
   * Runs the legacy handlers behind {@code failures} again, in rounds {@code retryDelayMillis}
   * apart, each round running the still failing ones in their original (priority) order.
   *
   * @return the failures left after the last round, with their final cause and attempt count
   */
  private List<HandlerFailure> retry(DomainEvent event, List<HandlerFailure> failures) {
    List<HandlerFailure> failing = failures;
    List<HandlerFailure> given = new ArrayList<>();
    for (int round = 1; round <= config.maxRetries() && !failing.isEmpty(); round++) {
      pause(config.retryDelayMillis());
      List<HandlerFailure> stillFailing = new ArrayList<>();
      for (HandlerFailure failure : failing) {
        try {
          Redelivery outcome = delegate.redeliver(failure.subscriptionId(), event);
          if (outcome == Redelivery.NOT_SUBSCRIBED) {
            given.add(failure);
          } else {
            retried.increment();
          }
        } catch (Throwable again) {
          retried.increment();
          stillFailing.add(
              new HandlerFailure(
                  failure.subscriptionId(),
                  failure.subscriptionName(),
                  failure.mode(),
                  failure.event(),
                  again,
                  failure.attempts() + 1,
                  Instant.now()));
        }
      }
      failing = stillFailing;
    }
    if (given.isEmpty()) {
      return failing;
    }
    given.addAll(failing);
    return given;
  }

  /** Waits {@code millis} on the worker, whatever interrupts it. */
  private static void pause(long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    long remaining;
    while ((remaining = deadline - System.nanoTime()) > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(remaining);
      } catch (InterruptedException e) {
        // keep waiting: the delay is part of the contract
      }
    }
  }
}
