package dev.eventbus.core.internal.dispatch;

import dev.eventbus.api.ShutdownReport;
import dev.eventbus.core.internal.metrics.RouteCounts;
import dev.eventbus.core.internal.metrics.StatsCounters;
import dev.eventbus.core.internal.subscriber.RegisteredSubscriber;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The publishes running now on one bus, so that {@code stop} can wait for them (a synchronous
 * handler runs inside its publish) and name those it leaves running.
 *
 * <p>Each publishing thread has a {@link Slot} of its own that says where its publish is: nowhere,
 * in the publish before any subscriber, or at a subscriber (in its filter, its handler or its
 * queue). Entering the outermost publish is one volatile write to the thread's own slot, which also
 * orders it before the publish's check of the bus's state: a stop that sets the state first and
 * then reads the slots sees every publish that could have passed the check (the Dekker pattern).
 * Moving to the next subscriber is a release write of its index. Nothing is allocated after a
 * thread's first publish (but once for handlers that nest publishes more than four deep).
 * Thread-safe.
 */
public final class InFlightPublishes {

  /** Where a publish is before it reaches a subscriber. */
  private static final Object PUBLISHING = new Object();

  private static final int PURGE_EVERY = 64;
  private static final int CACHED = 64; // a power of two

  private final ThreadLocal<Slot> slots = ThreadLocal.withInitial(this::register);
  // Weak, so that a slot goes with its thread (the thread's ThreadLocal map holds it strongly).
  private final Set<WeakReference<Slot>> all = ConcurrentHashMap.newKeySet();
  private int registered; // racy count, only to space out purges

  // Slots by thread id, read before the ThreadLocal: a hit is three loads and a compare, where the
  // ThreadLocal's hash lookup measured several nanoseconds on a 25 ns publish. Written only on a
  // miss (a thread's first publish, or two threads sharing an index), so it stays read-mostly.
  private final Slot[] byThreadId = new Slot[CACHED];

  /** This thread's slot. */
  public Slot slot() {
    Thread current = Thread.currentThread();
    int index = (int) current.getId() & (CACHED - 1);
    Slot cached = byThreadId[index];
    if (cached != null && cached.owner == current) {
      return cached;
    }
    Slot slot = slots.get();
    byThreadId[index] = slot; // a plain write: a racing reader sees a whole slot or misses
    return slot;
  }

  private Slot register() {
    Slot slot = new Slot(Thread.currentThread());
    all.add(new WeakReference<>(slot));
    if (++registered % PURGE_EVERY == 0) {
      all.removeIf(reference -> reference.get() == null);
    }
    return slot;
  }

  /**
   * Waits until no publish runs on a thread other than the caller's (a handler that stops its own
   * bus must not wait for itself), or until the deadline.
   *
   * @return what still runs at the deadline, one entry per thread; empty if none
   */
  public List<ShutdownReport.Running> await(long deadlineNanos) {
    Thread caller = Thread.currentThread();
    long pause = TimeUnit.MICROSECONDS.toNanos(50);
    while (true) {
      List<ShutdownReport.Running> running = running(caller);
      long left = deadlineNanos - System.nanoTime();
      if (running.isEmpty() || left <= 0) {
        return running;
      }
      LockSupport.parkNanos(Math.min(pause, left));
      pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(5));
    }
  }

  private List<ShutdownReport.Running> running(Thread caller) {
    List<ShutdownReport.Running> running = List.of();
    for (Iterator<WeakReference<Slot>> it = all.iterator(); it.hasNext(); ) {
      Slot slot = it.next().get();
      if (slot == null) {
        it.remove();
        continue;
      }
      Object at = slot.at();
      if (at == null || slot.owner == caller) {
        continue;
      }
      if (running.isEmpty()) {
        running = new ArrayList<>();
      }
      running.add(describe(slot.owner, at, slot.index()));
    }
    return running;
  }

  private static ShutdownReport.Running describe(Thread owner, Object at, int index) {
    if (at instanceof RegisteredSubscriber[] route && index >= 0 && index < route.length) {
      RegisteredSubscriber subscriber = route[index];
      return new ShutdownReport.Running(
          owner.getName(), subscriber.id(), subscriber.name(), subscriber.mode());
    }
    return new ShutdownReport.Running(owner.getName(), null, null, null);
  }

  /**
   * One thread's place in its publish; written only by that thread.
   *
   * <p>Where a publish is takes two fields: the route (the subscriber array) it dispatches to, set
   * once per publish, and the index of the subscriber it is at, set per subscriber. An index is an
   * {@code int}: storing a reference per subscriber, as this did before, made the collector's write
   * barrier run a memory fence for each (the slot is an old object), a tenth of a publish to ten
   * subscribers. A publish made by a handler saves the enclosing publish's place on a stack the
   * slot keeps, and puts it back when it ends.
   */
  public static final class Slot {

    private static final VarHandle AT;
    private static final VarHandle INDEX;
    private static final int NOT_AT_A_SUBSCRIBER = -1;

    static {
      try {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        AT = lookup.findVarHandle(Slot.class, "at", Object.class);
        INDEX = lookup.findVarHandle(Slot.class, "index", int.class);
      } catch (ReflectiveOperationException impossible) {
        throw new ExceptionInInitializerError(impossible);
      }
    }

    private final Thread owner;

    // null: no publish; PUBLISHING; or the route (RegisteredSubscriber[]) the publish dispatches
    // to.
    @SuppressWarnings("unused")
    private volatile @Nullable Object at;

    // Which subscriber of the route the publish is at; NOT_AT_A_SUBSCRIBER before the first.
    @SuppressWarnings("unused")
    private volatile int index = NOT_AT_A_SUBSCRIBER;

    // Owner only: how many publishes this thread is inside, and the places of the enclosing ones.
    private int depth;
    private @Nullable Object[] enclosingAt = new Object[4];
    private int[] enclosingIndex = new int[4];

    // The owner's counting cell on this bus, kept here so that a publish finds both with the one
    // lookup of its slot instead of a second, thread-local one.
    private RouteCounts.@Nullable Cell counts;

    private Slot(Thread owner) {
      this.owner = owner;
    }

    /** Marks a publish as begun, before the publish checks the bus's state. */
    public void enter() {
      enter(PUBLISHING);
    }

    /**
     * Marks a publish to {@code route} as begun, before the publish checks the bus's state: as
     * {@link #enter()} and {@link #dispatchesTo} in one write.
     */
    public void enter(RegisteredSubscriber[] route) {
      enter((Object) route);
    }

    private void enter(Object place) {
      if (depth == 0) {
        INDEX.setRelease(this, NOT_AT_A_SUBSCRIBER);
        AT.setVolatile(this, place);
      } else {
        if (depth == enclosingAt.length) {
          enclosingAt = Arrays.copyOf(enclosingAt, depth * 2);
          enclosingIndex = Arrays.copyOf(enclosingIndex, depth * 2);
        }
        enclosingAt[depth] = AT.get(this);
        enclosingIndex[depth] = (int) INDEX.get(this);
        INDEX.setRelease(this, NOT_AT_A_SUBSCRIBER);
        AT.setRelease(this, place);
      }
      depth++;
    }

    /**
     * The owner's counting cell in {@code stats}, which must be the same bus's for every call.
     *
     * @param stats the counters of the bus this slot belongs to
     * @return the calling thread's {@link StatsCounters#cell()}, looked up on the first call only
     */
    public RouteCounts.Cell counts(StatsCounters stats) {
      RouteCounts.Cell cell = counts;
      if (cell == null) {
        cell = stats.cell();
        counts = cell;
      }
      return cell;
    }

    /** Records that the publish dispatches to {@code route}, before it reaches any subscriber. */
    public void dispatchesTo(RegisteredSubscriber[] route) {
      if (AT.get(this) != route) { // the owner reads its own write: usually set by enter(route)
        AT.setRelease(this, route);
      }
    }

    /** Records that the publish has reached the subscriber at {@code index} of its route. */
    public void at(int index) {
      INDEX.setRelease(this, index);
    }

    /** Marks the publish as ended, putting back the place of the publish enclosing it, if any. */
    public void exit() {
      depth--;
      if (depth == 0) {
        AT.setRelease(this, null);
      } else {
        Object enclosing = enclosingAt[depth];
        enclosingAt[depth] = null;
        // Index first: a reader that sees the enclosing route sees its index too.
        INDEX.setRelease(this, enclosingIndex[depth]);
        AT.setRelease(this, enclosing);
      }
    }

    @Nullable Object at() {
      return AT.getVolatile(this);
    }

    int index() {
      return (int) INDEX.getAcquire(this);
    }
  }
}
