package dev.eventbus.processors;

import dev.eventbus.api.AsyncConfig;
import dev.eventbus.api.EventBusOverloadedException;
import dev.eventbus.api.IdleStrategy;
import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.ShutdownReport;
import dev.eventbus.api.spi.ContextPropagator;
import dev.eventbus.core.internal.concurrent.PaddedLong;
import dev.eventbus.core.spi.DeliveryCallback;
import dev.eventbus.core.spi.DeliveryOutcome;
import dev.eventbus.core.spi.EventProcessor;
import dev.eventbus.core.spi.ProcessorContext;
import dev.eventbus.core.spi.Subscriber;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.varhandle.MpscVarHandleArrayQueue;
import org.jctools.queues.varhandle.SpmcVarHandleArrayQueue;
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
 *
 * <p>A publisher takes no lock while the lane has room: it reserves room with one compare-and-set
 * on the count of deliveries produced (the drain counts those it starts apart, on another cache
 * line, and a publisher reads that count only when the lane looks full), puts its task into the
 * inbox (a JCTools multi-producer, single-consumer array queue) and schedules the drain only if the
 * lane is idle (a CAS on {@code active}; the drain, before it goes idle, looks at the inbox again,
 * so one of the two sees the other). Only a holder of the lock polls the inbox, which keeps it
 * single-consumer: the drain moves it into the priority queues before it takes tasks, and every
 * slow path (a full lane's policy, discarding a closed subscription's tasks, stop) moves it first,
 * so it sees every queued task in order. A publisher that finds the lane closed after its task went
 * in settles the task itself if no drain will run again ({@code swept}); otherwise the drain or the
 * stop's sweep takes it.
 *
 * <p>The drain takes no lock per task either: under one hold of the lock it takes a batch (up to
 * {@code BATCH} tasks from the front of the first non-empty priority queue), then starts them one
 * by one with a compare-and-set on the batch's index, each start taking the task out of the queued
 * count as a poll did. The tasks it has not started still count as queued: a slow path takes them
 * back into the front of their queue under the lock ({@code revokeBatch}), after which the drain
 * starts none of them, so a full lane's policy, a closed subscription's discard and stop see every
 * queued task as before. A producer whose task has a higher priority than the batch's marks the
 * lane {@code urgent}, and the drain puts its batch back and takes again before its next task, so
 * queued HIGH tasks still run before NORMAL ones. The drain takes the lock between two tasks only
 * to wake a producer that waits for room ({@code BLOCK}).
 *
 * <p>Delivery tasks are reused: a lane made {@code pooled} gives the tasks its drain ran back to a
 * pool (a JCTools single-producer, multi-consumer array queue) when it ends their batch, and {@link
 * #offer(Subscriber, Object, int, DeliveryCallback, OverflowPolicy, Duration)} takes one from
 * there, so that a delivery allocates nothing once the pool holds as many tasks as the lane has in
 * flight.
 *
 * <p>When the queue runs empty, a lane made to spin (one whose worker has a thread to itself) keeps
 * its thread for {@code AsyncConfig.idleSpin()}, watching a volatile count of queued tasks as
 * {@code AsyncConfig.idleStrategy()} says (spinning, yielding, or both in turn), before the lane
 * goes idle and its thread parks. A task offered meanwhile is picked up by the same drain: the
 * publisher neither schedules the worker nor wakes its thread, which is what a handoff costs most
 * (microseconds to unpark a thread, against tens of nanoseconds for the queue itself).
 */
final class OrderedLane implements Drainable {

  private static final System.Logger LOG = System.getLogger(OrderedLane.class.getName());
  private static final int LANES = 3;
  // BACKOFF: a gap this long between two looks at the inbox means the thread lost its core while
  // it spun, so other threads want the cores: the lane then parks at once for BACKOFF_PARKING.
  private static final long PREEMPTED_NANOS = 200_000;
  private static final long BACKOFF_PARKING_NANOS = 100_000_000;

  private final String name;
  private final boolean spinWhenIdle;
  private final boolean spareCore;
  // Drain thread only: until when BACKOFF parks at once (nanoTime), after it saw itself preempted.
  private long parkOnlyUntil;
  private boolean parkingOnly;
  private final int capacity;
  private final Scheduler.Worker worker;
  private final ProcessorContext context;
  // The bus's propagator; null (the usual case) costs one null check per delivery and no object.
  private final @Nullable ContextPropagator propagator;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notFull = lock.newCondition();
  private final Condition idle = lock.newCondition();
  private final List<ArrayDeque<Task>> queues = new ArrayList<>(LANES);
  // Deliveries queued (in the inbox, the priority queues or the batch not started) are produced
  // minus consumed. Producers reserve room by adding to produced (a compare-and-set, so that a
  // reservation that fails never shows); a delivery leaves the queue by adding to consumed (the
  // drain
  // as it starts a task, a slow path under the lock as it takes one out). Two counters on cache
  // lines
  // of their own, so that producer and drain do not write one word per event: a producer reads
  // consumed only when its last reading (consumedSeen) leaves no room, as the Disruptor's producers
  // read their consumers' sequences. consumed never decreases, so an old reading is a safe bound.
  private final PaddedLong produced = new PaddedLong();
  private final PaddedLong consumed = new PaddedLong();
  private volatile long consumedSeen;
  // Whether a drain is scheduled or running; set by whoever wins the CAS from false.
  private volatile boolean active;
  private volatile boolean closed;
  // Guarded by the lock: no drain will run again (stopped, or retired and idle), so a task a
  // producer put into the inbox after that must be settled by the producer.
  private boolean swept;
  // Guarded by the lock: the deliveries in the priority queues (queued counts the inbox and the
  // reservations of producers on their way into it too).
  private int inQueues;
  // Producers' lock-free way in: a multi-producer, single-consumer array queue. Only a holder of
  // the lock polls it (the drain, or a slow path), which keeps it single-consumer.
  private final MessagePassingQueue<Task> inbox;
  // Delivery tasks this lane ran to their end, for publishers to reuse (see offer(Subscriber,
  // ...)); null for a lane whose producers queue tasks of their own. Single-producer: only the
  // drain gives tasks back, under the lock; any publisher takes one.
  private final @Nullable MessagePassingQueue<DeliveryTask> pool;
  // The drain's batch: tasks it took from the front of one priority queue under the lock, to start
  // one by one without it. Entries [0, batchNext) are started, [batchNext, batchEnd) are still
  // queued (counted in queued, not in inQueues). The drain starts an entry by a compare-and-set of
  // batchNext from its index to the next one; a holder of the lock takes the entries not started
  // back into the priority queues by setting REVOKED in batchNext (revokeBatch), after which the
  // drain starts none of them. The array and batchEnd are written by the drain under the lock.
  private final Task[] batch = new Task[BATCH];
  private int batchEnd;
  // On a cache line of its own: the drain writes it per task.
  private final PaddedLong batchNext = new PaddedLong();
  // The priority lane of the batch (0 while there is none). A producer whose task is of a higher
  // priority (a lower lane) sets urgent after queueing it; the drain then puts the batch back and
  // takes again, so that queued HIGH tasks still run before NORMAL ones, and those before LOW.
  private volatile int batchLane;
  private volatile boolean urgent;
  // Producers waiting for room under BLOCK; the drain signals notFull (under the lock) only then.
  private volatile int blockedProducers;
  // Drain thread only: the task waiting for its retry, resumed by the next drain.
  private @Nullable Task resumed;
  // Written by the drain under the lock; volatile so that isIdle() reads it without the lock.
  private volatile boolean spinning;
  private @Nullable Runnable onRetired;
  // Written under the lock on every enqueue; read without it by a spinning drain.
  private volatile long enqueued;
  // Deliveries run to an outcome (delivered or failed). Only the drain runs tasks, one drain at a
  // time, so it has one writer: a plain increment, where an adder cost a locked instruction per
  // event on the drain.
  private final PaddedLong ran = new PaddedLong();
  private volatile @Nullable Thread drainThread;

  private static final int MAX_INBOX = 1 << 16;
  private static final int MAX_POOL = 1 << 17;
  private static final VarHandle ACTIVE;
  private static final VarHandle BLOCKED_PRODUCERS;
  // The most tasks the drain takes under one hold of the lock.
  private static final int BATCH = 128;
  private static final long REVOKED = 1L << 40;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      ACTIVE = lookup.findVarHandle(OrderedLane.class, "active", boolean.class);
      BLOCKED_PRODUCERS = lookup.findVarHandle(OrderedLane.class, "blockedProducers", int.class);
    } catch (ReflectiveOperationException impossible) {
      throw new ExceptionInInitializerError(impossible);
    }
  }

  OrderedLane(String name, int capacity, Scheduler.Worker worker, ProcessorContext context) {
    this(name, capacity, worker, context, false, false);
  }

  /**
   * @param spinWhenIdle whether the drain spins for {@code AsyncConfig.idleSpin()} when the queue
   *     runs empty: only for a lane whose worker has a thread to itself, since a spinning drain
   *     holds its thread from other workers' tasks
   * @param pooled whether the lane keeps the delivery tasks it ran for reuse, for producers that
   *     queue through {@link #offer(Subscriber, Object, int, DeliveryCallback, OverflowPolicy,
   *     Duration)}
   */
  OrderedLane(
      String name,
      int capacity,
      Scheduler.Worker worker,
      ProcessorContext context,
      boolean spinWhenIdle,
      boolean pooled) {
    this.name = name;
    this.spinWhenIdle = spinWhenIdle;
    this.spareCore = Runtime.getRuntime().availableProcessors() > context.config().async().shards();
    this.capacity = capacity;
    this.worker = worker;
    this.context = context;
    this.propagator = context.contextPropagator();
    for (int i = 0; i < LANES; i++) {
      queues.add(new ArrayDeque<>());
    }
    this.inbox = new MpscVarHandleArrayQueue<>(Math.max(2, Math.min(capacity, MAX_INBOX)));
    this.pool =
        pooled ? new SpmcVarHandleArrayQueue<>(Math.max(2, Math.min(capacity, MAX_POOL))) : null;
  }

  /**
   * Deliveries queued or reserved. Reads consumed before produced: a reservation made meanwhile
   * shows, a delivery that leaves meanwhile does not, so the answer is never below the count at the
   * first read, and it is 0 only if everything produced by then had left the queue.
   */
  private int queuedNow() {
    long left = consumed.get();
    return (int) (produced.get() - left);
  }

  /** Under the lock, or the drain: {@code size} deliveries left the queue. */
  private void leave(int size) {
    consumed.add(size);
  }

  /**
   * Queues the delivery of {@code event} to {@code subscriber} in priority lane {@code lane}, as
   * {@link #offer(Task, OverflowPolicy, Duration)} does, in a task the lane ran before if it has
   * one: in steady state a delivery allocates nothing.
   */
  DeliveryOutcome offer(
      Subscriber subscriber,
      Object event,
      int lane,
      DeliveryCallback callback,
      OverflowPolicy policy,
      Duration blockTimeout) {
    DeliveryTask reused = pool == null ? null : pool.relaxedPoll();
    DeliveryTask task =
        reused != null
            ? reused.reuse(subscriber, event, lane, callback)
            : new DeliveryTask(subscriber, event, lane, callback, pool != null);
    ContextPropagator propagator = this.propagator;
    if (propagator != null) {
      task.context = propagator.capture();
    }
    return offer(task, policy, blockTimeout);
  }

  /**
   * Queues {@code task}, applying {@code policy} if the lane is full. Every delivery the lane
   * refuses, whether it returns {@code DROPPED} or throws, is reported to the drop listener (the
   * caller counts it as dropped).
   *
   * @return {@code PENDING} if queued (the task settles later), {@code DROPPED} if dropped now
   * @throws EventBusOverloadedException for {@code FAIL}, for {@code BLOCK} after {@code
   *     blockTimeout}, and for {@code BLOCK} on the lane's own worker thread, which cannot wait for
   *     itself
   */
  DeliveryOutcome offer(Task task, OverflowPolicy policy, Duration blockTimeout) {
    // The way without the lock: room reserved by one atomic add, the task into the inbox by one
    // CAS, the drain scheduled only if the lane is idle.
    if (!closed && reserve(task.size())) {
      task.countRunsIn(ran);
      // Read before the task goes in: once in, the drain may run it and give it to another
      // publisher, which reuses it.
      int priorityLane = task.lane;
      if (inbox.relaxedOffer(task)) {
        if (priorityLane < batchLane) {
          urgent = true; // the drain's batch is of a lower priority: it takes again
        }
        if (closed) {
          settleLateArrivals();
        }
        wake();
        return DeliveryOutcome.Status.PENDING;
      }
      produced.add(-task.size()); // the inbox is full: the locked way queues it
    }
    return offerLocked(task, policy, blockTimeout);
  }

  /**
   * Reserves room for {@code size} deliveries if the lane has it. A compare-and-set, so that a
   * reservation that fails never shows in the count: a slow path that finds the count above what
   * the queues hold knows the difference is on its way into the inbox.
   */
  private boolean reserve(int size) {
    long now = produced.get();
    long left = consumedSeen;
    while (true) {
      if (now - left > capacity - size) {
        long fresh = consumed.get();
        if (fresh == left) {
          return false;
        }
        left = fresh;
        consumedSeen = fresh;
        continue;
      }
      long witness = produced.compareAndExchange(now, now + size);
      if (witness == now) {
        return true;
      }
      now = witness;
    }
  }

  /** Schedules the drain unless one is scheduled or running. */
  private void wake() {
    if (!active && ACTIVE.compareAndSet(this, false, true)) {
      schedule(0);
    }
  }

  /**
   * For a producer that put a task into the inbox and then saw the lane closed: if no drain will
   * run again, settles what the inbox holds as refused by the stop (the stop's own sweep, or the
   * drain, takes it otherwise). The delivery was reported pending; its callback gets the drop.
   */
  private void settleLateArrivals() {
    List<Task> late = new ArrayList<>();
    lock.lock();
    try {
      if (!swept) {
        return;
      }
      Task task;
      while ((task = inbox.relaxedPoll()) != null) {
        leave(task.size());
        late.add(task);
      }
    } finally {
      lock.unlock();
    }
    for (Task task : late) {
      task.abandon(context, "bus stopped");
    }
  }

  /** Under the lock: moves what producers put into the inbox into the priority queues, in order. */
  private void moveInbox() {
    Task task;
    while ((task = inbox.relaxedPoll()) != null) {
      queues.get(task.lane).add(task);
      inQueues += task.size();
    }
  }

  /**
   * Under the lock: whether the lane is full, once the producers that reserved room have put their
   * tasks into the inbox and these are in the priority queues, so that a policy decides on what is
   * really queued (DROP_OLDEST must find the queued deliveries it counts: when {@code evicting},
   * the batch's tasks not started go back into the queues). A reservation is a few instructions
   * from its task going in (or, if the inbox is full, from being given back), and neither needs the
   * lock, so this waits nanoseconds, longer only if that producer lost its core.
   */
  private boolean isFull(boolean evicting) {
    for (int spins = 0; ; spins++) {
      moveInbox();
      int now = queuedNow();
      if (now < capacity) {
        return false;
      }
      if (evicting) {
        revokeBatch(); // DROP_OLDEST looks for its victim in the priority queues
      }
      // Read after queued: a task the drain starts in between shows in neither, or in queued
      // only (then this looks again).
      if (now <= inQueues + notStartedInBatch()) {
        return true;
      }
      backOff(spins);
    }
  }

  /**
   * One wait of a loop that polls for something another thread does, longer as {@code spins} (the
   * waits so far) grows: a spin, after 100 a yield, after 1,000 a park of 10 µs.
   */
  static void backOff(int spins) {
    if (spins < 100) {
      Thread.onSpinWait();
    } else if (spins < 1_000) {
      Thread.yield();
    } else {
      LockSupport.parkNanos(10_000);
    }
  }

  private DeliveryOutcome offerLocked(Task task, OverflowPolicy policy, Duration blockTimeout) {
    List<Task> evicted = null;
    String refusal = null; // why the task was refused, for the drop listener
    String throwFor = null; // the policy as the exception names it, when the refusal throws
    boolean schedule = false;
    boolean mayBlock = policy == OverflowPolicy.BLOCK;
    lock.lock();
    try {
      if (mayBlock) {
        // Before the lane is found full: a drain that starts a task after that look sees this.
        BLOCKED_PRODUCERS.getAndAdd(this, 1);
      }
      long waitNanos = blockTimeout.toNanos();
      while (!closed && refusal == null && isFull(policy == OverflowPolicy.DROP_OLDEST)) {
        if (policy == OverflowPolicy.FAIL) {
          throwFor = "FAIL";
        } else if (policy == OverflowPolicy.DROP_NEWEST) {
          refusal = full("DROP_NEWEST");
        } else if (policy == OverflowPolicy.DROP_OLDEST) {
          Task victim = removeOldestOf(task.subscriber);
          if (victim == null) {
            refusal = "queue " + name + " full of other subscriptions' events (DROP_OLDEST)";
          } else {
            if (evicted == null) {
              evicted = new ArrayList<>(1);
            }
            evicted.add(victim);
          }
        } else if (Thread.currentThread() == drainThread) {
          throwFor = "BLOCK, from the lane's own worker, which cannot wait for itself";
        } else if (waitNanos <= 0) {
          throwFor = "BLOCK for " + blockTimeout;
        } else {
          waitNanos = awaitNotFull(waitNanos);
        }
        if (throwFor != null) {
          refusal = full(throwFor);
        }
      }
      if (refusal == null) {
        if (closed) {
          refusal = "bus stopped";
        } else {
          enqueue(task);
          schedule = ACTIVE.compareAndSet(this, false, true);
        }
      }
    } finally {
      if (mayBlock) {
        BLOCKED_PRODUCERS.getAndAdd(this, -1);
      }
      lock.unlock();
    }
    // The drop listener and the delivery callbacks are user code: never called under the lock.
    if (evicted != null) {
      for (Task victim : evicted) {
        victim.abandon(context, full("DROP_OLDEST"));
      }
    }
    if (refusal != null) {
      task.refuse(context, refusal);
      if (throwFor != null) {
        throw overloaded(task, throwFor);
      }
      return DeliveryOutcome.Status.DROPPED;
    }
    if (schedule) {
      schedule(0);
    }
    return DeliveryOutcome.Status.PENDING;
  }

  // Under the lock.
  private void enqueue(Task task) {
    task.countRunsIn(ran);
    queues.get(task.lane).add(task);
    inQueues += task.size();
    produced.add(task.size());
    enqueued = enqueued + 1;
    if (task.lane < batchLane) {
      urgent = true;
    }
  }

  private String full(String policy) {
    return "queue " + name + " full (" + policy + ")";
  }

  private long awaitNotFull(long nanos) {
    try {
      return notFull.awaitNanos(nanos);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return 0;
    }
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
          leave(task.size());
          inQueues -= task.size();
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
      boolean spun = false;
      while (true) {
        Task task = resumed;
        resumed = null;
        if (task == null) {
          task = nextInBatch();
        }
        if (task == null) {
          // The batch is done (or was taken back): under the lock, end it and take the next one.
          long seen;
          boolean filled;
          boolean wentIdle = false;
          Runnable retired = null;
          lock.lock();
          try {
            endBatch();
            filled = !swept && takeBatch();
            seen = enqueued;
            if (filled) {
              spinning = false;
            } else if (spun || !spinWhenIdle || !waitsWhenIdle(context.config().async())) {
              spinning = false;
              active = false;
              // A producer that put a task into the inbox before it saw active false left the
              // scheduling to this drain, which takes it back (one of the two sees the other).
              if (onRetired == null
                  && !swept
                  && !inbox.isEmpty()
                  && ACTIVE.compareAndSet(this, false, true)) {
                spun = false;
                continue;
              }
              idle.signalAll();
              wentIdle = true;
              retired = onRetired;
              if (retired != null) {
                swept = true; // no drain runs again: late arrivals are settled by their producers
              }
            } else {
              spinning = true;
            }
          } finally {
            lock.unlock();
          }
          if (wentIdle) {
            if (retired != null) {
              dispose(retired);
            }
            return;
          }
          if (!filled) {
            awaitEnqueue(seen, context.config().async());
            spun = true;
          }
          continue;
        }
        spun = false;
        Duration wait;
        // An interrupt left by the previous delivery (a handler that interrupted itself, or threw
        // InterruptedException, which the invoker re-asserts) belongs to that delivery, not to the
        // next one, which may be another subscriber's: each turn starts with the flag clear.
        Thread.interrupted();
        try {
          wait = runInContext(task);
        } catch (Throwable bug) {
          // Tasks catch what handlers throw; this is a fault of the bus itself, or of a callback.
          // Settle the task and go on: a drain that ended here would leave the lane stuck.
          LOG.log(Level.ERROR, "delivery task failed in queue " + name + ": " + task, bug);
          task.abandon(context, "delivery failed inside the bus: " + bug);
          wait = null;
        }
        if (wait != null) {
          resumed = task;
          schedule(Math.max(1, wait.toNanos()));
          return;
        }
      }
    } finally {
      drainThread = null;
    }
  }

  /**
   * Drain thread only, without the lock: starts the next task of the batch, or returns {@code null}
   * if there is none (the batch is done, was taken back, or a task of a higher priority is queued).
   * Starting a task takes it out of the queued count, as a poll of the queue did.
   */
  private @Nullable Task nextInBatch() {
    if (urgent) {
      return null;
    }
    long next = batchNext.get();
    if (next >= batchEnd || !batchNext.compareAndSet(next, next + 1)) {
      return null; // REVOKED makes next larger than any batchEnd
    }
    Task task = batch[(int) next];
    leave(task.size());
    if (blockedProducers > 0) {
      lock.lock();
      try {
        if (task.size() == 1) {
          notFull.signal();
        } else {
          notFull.signalAll();
        }
      } finally {
        lock.unlock();
      }
    }
    return task;
  }

  /** Runs a task in the context its publisher had, if the bus carries contexts and it has one. */
  @SuppressWarnings("try") // the scope is only closed
  private @Nullable Duration runInContext(Task task) {
    ContextPropagator propagator = this.propagator;
    Object captured = task.context;
    if (propagator == null || captured == null) {
      return task.run(context.invoker());
    }
    try (ContextPropagator.Scope restored = propagator.restore(captured)) {
      return task.run(context.invoker());
    }
  }

  /**
   * Under the lock, for the drain between two tasks: ends the batch, giving the tasks it ran back
   * to the pool (unless the lane was swept: stop holds them then) and the ones it did not start
   * back to the priority queues.
   */
  private void endBatch() {
    int started = revokeBatch();
    if (!swept) {
      // The drain ran these to their end, and since the batch began nobody else could take them:
      // stop takes a started task as a leftover only under this lock, and sweeps the lane then.
      for (int i = 0; i < started; i++) {
        recycle(batch[i]);
      }
    }
    Arrays.fill(batch, 0, batchEnd, null);
    batchEnd = 0;
    batchLane = 0;
    batchNext.set(0);
  }

  /**
   * Under the lock, for the drain: takes the next batch, up to {@code BATCH} tasks from the front
   * of the first priority queue that has any, after moving the inbox into the queues.
   *
   * @return whether there was a task to take
   */
  private boolean takeBatch() {
    urgent = false; // whatever a producer queued before this is in the queues after moveInbox
    moveInbox();
    for (int lane = 0; lane < LANES; lane++) {
      ArrayDeque<Task> queue = queues.get(lane);
      if (queue.isEmpty()) {
        continue;
      }
      int taken = 0;
      while (taken < BATCH && !queue.isEmpty()) {
        Task task = queue.poll();
        batch[taken++] = task;
        inQueues -= task.size();
      }
      batchEnd = taken;
      batchNext.set(0);
      batchLane = lane;
      // A producer checks batchLane after its task went into the inbox: one that read the value
      // before this write put its task in before this poll, which waits for it and moves it.
      Task late;
      while ((late = inbox.poll()) != null) {
        queues.get(late.lane).add(late);
        inQueues += late.size();
        if (late.lane < lane) {
          urgent = true;
        }
      }
      return true;
    }
    return false;
  }

  /**
   * Under the lock: takes the tasks of the batch that the drain has not started back into the front
   * of their priority queue, in order; the drain starts none of them from now on.
   *
   * @return how many tasks of the batch the drain started (the last one may still be running, or
   *     waiting for a retry)
   */
  private int revokeBatch() {
    long next;
    do {
      next = batchNext.get();
      if ((next & REVOKED) != 0) {
        return (int) (next & ~REVOKED);
      }
    } while (!batchNext.compareAndSet(next, next | REVOKED));
    for (int i = batchEnd - 1; i >= next; i--) {
      Task task = batch[i];
      queues.get(task.lane).addFirst(task);
      inQueues += task.size();
    }
    return (int) next;
  }

  /**
   * Under the lock: the deliveries in the tasks of the batch the drain has not started (they count
   * as queued).
   */
  private int notStartedInBatch() {
    long next = batchNext.get();
    if ((next & REVOKED) != 0) {
      return 0;
    }
    int deliveries = 0;
    for (int i = (int) next; i < batchEnd; i++) {
      deliveries += batch[i].size();
    }
    return deliveries;
  }

  /**
   * Under the lock, for the drain: gives a delivery task it ran to its end back to the pool (a full
   * pool leaves it to the garbage collector).
   */
  private void recycle(Task finished) {
    if (pool != null && finished instanceof DeliveryTask delivery && delivery.recyclable()) {
      delivery.recycle();
      pool.relaxedOffer(delivery);
    }
  }

  /** Drain thread only: whether the lane waits for {@code idleSpin} before it parks. */
  private boolean waitsWhenIdle(AsyncConfig async) {
    IdleStrategy strategy = async.idleStrategy();
    if (strategy == IdleStrategy.PARK || async.idleSpin().isZero()) {
      return false;
    }
    if (strategy != IdleStrategy.BACKOFF) {
      return true;
    }
    if (!spareCore) {
      return false;
    }
    if (parkingOnly) {
      if (System.nanoTime() - parkOnlyUntil < 0) {
        return false;
      }
      parkingOnly = false;
    }
    return true;
  }

  /**
   * Waits until a task is enqueued after {@code seen} or {@code idleSpin} has passed, as the idle
   * strategy says: spinning with {@link Thread#onSpinWait()} (SPIN and BACKOFF) or yielding
   * (YIELD). BACKOFF watches the clock while it spins: a gap of {@link #PREEMPTED_NANOS} means the
   * OS took the core away for other runnable threads, so the cores are scarce, and for the next
   * {@link #BACKOFF_PARKING_NANOS} the lane parks at once (a parked thread that is woken is
   * scheduled promptly, where a spinning or yielding one that lost its core waits for a time slice,
   * milliseconds on a busy machine).
   */
  private void awaitEnqueue(long seen, AsyncConfig async) {
    long last = System.nanoTime();
    long deadline = last + async.idleSpin().toNanos();
    IdleStrategy strategy = async.idleStrategy();
    while (enqueued == seen && inbox.isEmpty()) {
      if (strategy == IdleStrategy.YIELD) {
        Thread.yield();
      } else {
        Thread.onSpinWait();
      }
      long now = System.nanoTime();
      if (strategy == IdleStrategy.BACKOFF && now - last > PREEMPTED_NANOS) {
        parkingOnly = true;
        parkOnlyUntil = now + BACKOFF_PARKING_NANOS;
        return;
      }
      if (now - deadline >= 0) {
        return;
      }
      last = now;
    }
  }

  /**
   * Queues {@code task} whatever the lane holds: for a producer that bounds what it queues itself
   * (a batch accumulator, whose flushes must not fail).
   */
  void offerUnbounded(Task task) {
    boolean schedule = false;
    lock.lock();
    try {
      if (closed) {
        task.abandon(context, "bus stopped");
        return;
      }
      moveInbox(); // behind what producers queued before
      enqueue(task);
      schedule = ACTIVE.compareAndSet(this, false, true);
    } finally {
      lock.unlock();
    }
    if (schedule) {
      schedule(0);
    }
  }

  /**
   * For a lane whose subscription was closed: refuses new tasks, and once the lane is idle (now, or
   * when it has settled what it holds) disposes its worker and runs {@code onRetired}, so that the
   * processor can forget the lane. Without this, every subscription ever made would keep its lane
   * and worker.
   */
  void retire(Runnable onRetired) {
    boolean idleNow;
    lock.lock();
    try {
      closed = true;
      notFull.signalAll();
      this.onRetired = onRetired;
      idleNow = !active;
      if (idleNow) {
        swept = true; // no drain runs again: late arrivals are settled by their producers
      }
    } finally {
      lock.unlock();
    }
    if (idleNow) {
      dispose(onRetired);
    }
  }

  private void dispose(Runnable onRetired) {
    worker.dispose();
    onRetired.run();
  }

  /**
   * Whether nothing is queued, running or waiting for a retry, read without the lock (the adaptive
   * processor asks on every publish). The order of the reads is what makes a {@code true} safe for
   * a caller's own earlier tasks: a task counts as queued until the drain starts it, and the drain
   * clears {@code spinning} before it starts one and sets it, or {@code active} false, only after
   * it finished. So a caller that reads the count at 0 ({@code queuedNow()}) after its task went
   * in, and then finds the drain spinning or gone, knows that task has run. A task of another
   * thread may be on its way in; the answer never claims to order across threads.
   */
  boolean isIdle() {
    return queuedNow() == 0 && (!active || spinning);
  }

  /** Deliveries queued (or reserved by producers on their way in) and not yet started. */
  int queued() {
    return queuedNow();
  }

  /**
   * Takes the queued tasks of {@code subscriber}, whose subscription was closed, out of the queue
   * and settles them without running them ({@link Task#discard}), so that they neither run later
   * nor hold room in the queue. A task already running or waiting for a retry is left to finish.
   *
   * @return how many deliveries were taken out
   */
  int discard(Subscriber subscriber) {
    List<Task> removed = new ArrayList<>();
    lock.lock();
    try {
      moveInbox();
      revokeBatch();
      for (ArrayDeque<Task> queue : queues) {
        Iterator<Task> tasks = queue.iterator();
        while (tasks.hasNext()) {
          Task task = tasks.next();
          if (task.subscriber == subscriber) {
            tasks.remove();
            leave(task.size());
            inQueues -= task.size();
            removed.add(task);
          }
        }
      }
      if (!removed.isEmpty()) {
        notFull.signalAll();
      }
    } finally {
      lock.unlock();
    }
    int discarded = 0;
    for (Task task : removed) {
      discarded += task.discard(context);
    }
    return discarded;
  }

  /**
   * Refuses new tasks from now on (they are dropped as "bus stopped"); queued ones still run.
   * {@link #stop} closes the lane too; a processor with several lanes closes them all before it
   * waits for any. Idempotent.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      notFull.signalAll();
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

  @Override
  public long completed() {
    return ran.get();
  }

  /**
   * As {@link #stop(long)}, counting as drained what finished since the lane had completed {@code
   * completedBefore} deliveries (read with {@link #completed()} when the whole stop began).
   */
  @Override
  public EventProcessor.StopResult stop(long deadlineNanos, long completedBefore) {
    List<Task> leftovers = new ArrayList<>();
    List<ShutdownReport.Running> running = List.of();
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
      drained = ran.get() - before;
      Thread runningOn = drainThread;
      // The last task of the batch the drain started may still be running or waiting for a retry.
      int started = revokeBatch();
      Task current = started > 0 ? batch[started - 1] : null;
      if (current != null) {
        leftovers.add(current);
        if (active && runningOn != null) {
          Subscriber subscriber = current.subscriber;
          running =
              List.of(
                  new ShutdownReport.Running(
                      runningOn.getName(), subscriber.id(), subscriber.name(), subscriber.mode()));
        }
      }
      moveInbox();
      for (ArrayDeque<Task> queue : queues) {
        leftovers.addAll(queue);
        queue.clear();
      }
      // What the queues held leaves the count; a task the drain has just started, and one a
      // producer puts into the inbox from now on, take themselves out of it.
      leave(inQueues);
      inQueues = 0;
      swept = true; // a drain still running its handler takes nothing more; producers settle
      // what they put into the inbox from now on
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
    return new EventProcessor.StopResult(drained, report, running);
  }
}
