package dev.eventbus.processors;

import dev.eventbus.api.EventBusOverloadedException;
import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.ShutdownReport;
import dev.eventbus.core.spi.DeliveryOutcome;
import dev.eventbus.core.spi.EventProcessor;
import dev.eventbus.core.spi.ProcessorContext;
import dev.eventbus.core.spi.Subscriber;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;

/**
 * A bounded queue of {@link Task}s drained in order by one Reactor {@link Scheduler.Worker}: at
 * most one task runs at a time, so tasks run in the order they were queued within each priority
 * lane (lane 0 before 1 before 2). A task that must wait before a retry holds the lane without
 * holding a thread: the drain stops and the worker resumes it after the wait, ahead of everything
 * queued.
 *
 * <p>When the queue holds {@code capacity} deliveries, {@link #offer} applies the subscriber's
 * {@link OverflowPolicy}. Thread-safe.
 */
final class OrderedLane {

  private static final int LANES = 3;

  private final String name;
  private final int capacity;
  private final Scheduler.Worker worker;
  private final ProcessorContext context;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notFull = lock.newCondition();
  private final Condition idle = lock.newCondition();
  private final List<ArrayDeque<Task>> queues = new ArrayList<>(LANES);
  private int queued;
  private boolean active;
  private boolean closed;
  private @Nullable Task current;
  private long completed;
  private volatile @Nullable Thread drainThread;

  OrderedLane(String name, int capacity, Scheduler.Worker worker, ProcessorContext context) {
    this.name = name;
    this.capacity = capacity;
    this.worker = worker;
    this.context = context;
    for (int i = 0; i < LANES; i++) {
      queues.add(new ArrayDeque<>());
    }
  }

  /**
   * Queues {@code task}, applying {@code policy} if the lane is full.
   *
   * @return {@code PENDING} if queued (the task settles later), {@code DROPPED} if dropped now
   * @throws EventBusOverloadedException for {@code FAIL}, for {@code BLOCK} after {@code
   *     blockTimeout}, and for {@code BLOCK} on the lane's own worker thread, which cannot wait for
   *     itself
   */
  DeliveryOutcome offer(Task task, OverflowPolicy policy, Duration blockTimeout) {
    List<Task> evicted = null;
    boolean schedule = false;
    lock.lock();
    try {
      long waitNanos = blockTimeout.toNanos();
      while (!closed && queued >= capacity) {
        switch (policy) {
          case FAIL -> throw overloaded(task, "FAIL");
          case DROP_NEWEST -> {
            return dropNow(task, "queue " + name + " full (DROP_NEWEST)");
          }
          case DROP_OLDEST -> {
            Task victim = removeOldestOf(task.subscriber);
            if (victim == null) {
              return dropNow(task, "queue " + name + " full of other subscriptions' events");
            }
            if (evicted == null) {
              evicted = new ArrayList<>(1);
            }
            evicted.add(victim);
          }
          case BLOCK -> {
            if (Thread.currentThread() == drainThread) {
              throw overloaded(
                  task, "BLOCK, from the lane's own worker, which cannot wait for itself");
            }
            if (waitNanos <= 0) {
              throw overloaded(task, "BLOCK for " + blockTimeout);
            }
            waitNanos = awaitNotFull(waitNanos);
          }
        }
      }
      if (closed) {
        return dropNow(task, "bus stopped");
      }
      queues.get(task.lane).add(task);
      queued += task.size();
      if (!active) {
        active = true;
        schedule = true;
      }
    } finally {
      lock.unlock();
      if (evicted != null) {
        for (Task victim : evicted) {
          victim.abandon(context, "queue " + name + " full (DROP_OLDEST)");
        }
      }
    }
    if (schedule) {
      schedule(0);
    }
    return DeliveryOutcome.Status.PENDING;
  }

  private long awaitNotFull(long nanos) {
    try {
      return notFull.awaitNanos(nanos);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  private DeliveryOutcome dropNow(Task task, String reason) {
    task.refuse(context, reason);
    return DeliveryOutcome.Status.DROPPED;
  }

  private EventBusOverloadedException overloaded(Task task, String policy) {
    return new EventBusOverloadedException(
        "queue "
            + name
            + " is full ("
            + capacity
            + " deliveries) and "
            + task.subscriber
            + " has overflow policy "
            + policy);
  }

  private @Nullable Task removeOldestOf(Subscriber subscriber) {
    for (int lane = LANES - 1; lane >= 0; lane--) {
      Iterator<Task> tasks = queues.get(lane).iterator();
      while (tasks.hasNext()) {
        Task task = tasks.next();
        if (task.subscriber == subscriber) {
          tasks.remove();
          queued -= task.size();
          return task;
        }
      }
    }
    return null;
  }

  private void schedule(long delayNanos) {
    try {
      if (delayNanos <= 0) {
        worker.schedule(this::drain);
      } else {
        worker.schedule(this::drain, delayNanos, TimeUnit.NANOSECONDS);
      }
    } catch (RejectedExecutionException stopped) {
      // The worker was disposed by stop(), which settles whatever is left.
    }
  }

  private void drain() {
    drainThread = Thread.currentThread();
    try {
      while (true) {
        Task task;
        lock.lock();
        try {
          task = current != null ? current : poll();
          if (task == null) {
            active = false;
            idle.signalAll();
            return;
          }
          current = task;
        } finally {
          lock.unlock();
        }
        Duration wait = task.run(context.invoker());
        if (wait != null) {
          schedule(Math.max(1, wait.toNanos()));
          return;
        }
        lock.lock();
        try {
          current = null;
          completed += task.size();
        } finally {
          lock.unlock();
        }
      }
    } finally {
      drainThread = null;
    }
  }

  private @Nullable Task poll() {
    for (ArrayDeque<Task> queue : queues) {
      Task task = queue.poll();
      if (task != null) {
        queued -= task.size();
        notFull.signal();
        return task;
      }
    }
    return null;
  }

  /** Deliveries queued and not yet started. */
  int queued() {
    lock.lock();
    try {
      return queued;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Refuses new tasks, waits until the lane is idle or the deadline passes, then abandons what is
   * left (queued tasks and a task still running or waiting for a retry) and disposes the worker.
   */
  EventProcessor.StopResult stop(long deadlineNanos) {
    return stop(deadlineNanos, completed());
  }

  /** Deliveries finished so far; a stop's drained count is measured from this. */
  long completed() {
    lock.lock();
    try {
      return completed;
    } finally {
      lock.unlock();
    }
  }

  /**
   * As {@link #stop(long)}, counting as drained what finished since the lane had completed {@code
   * completedBefore} deliveries (read with {@link #completed()} when the whole stop began).
   */
  EventProcessor.StopResult stop(long deadlineNanos, long completedBefore) {
    List<Task> leftovers = new ArrayList<>();
    long drained;
    lock.lock();
    try {
      closed = true;
      long before = completedBefore;
      notFull.signalAll();
      long left = deadlineNanos - System.nanoTime();
      while (active && left > 0) {
        try {
          left = idle.awaitNanos(left);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      drained = completed - before;
      if (current != null) {
        leftovers.add(current);
      }
      for (ArrayDeque<Task> queue : queues) {
        leftovers.addAll(queue);
        queue.clear();
      }
      queued = 0;
    } finally {
      lock.unlock();
    }
    Map<Subscriber, Long> undelivered = new LinkedHashMap<>();
    for (Task task : leftovers) {
      int abandoned = task.abandon(context, "bus stopped before delivery");
      if (abandoned > 0) {
        undelivered.merge(task.subscriber, (long) abandoned, Long::sum);
      }
    }
    // Only now: disposing interrupts a handler still running, whose failure must not settle its
    // deliveries before they are counted as undelivered.
    worker.dispose();
    List<ShutdownReport.Undelivered> report = new ArrayList<>();
    undelivered.forEach(
        (subscriber, count) ->
            report.add(new ShutdownReport.Undelivered(subscriber.id(), subscriber.name(), count)));
    return new EventProcessor.StopResult(drained, report);
  }
}
