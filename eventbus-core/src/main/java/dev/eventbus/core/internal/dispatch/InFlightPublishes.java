package dev.eventbus.core.internal.dispatch;

import dev.eventbus.api.ShutdownReport;
import dev.eventbus.core.internal.subscriber.RegisteredSubscriber;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
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
 * Moving to the next subscriber is a release write. Nothing is allocated after a thread's first
 * publish. Thread-safe.
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
      running.add(describe(slot.owner, at));
    }
    return running;
  }

  private static ShutdownReport.Running describe(Thread owner, Object at) {
    if (at instanceof RegisteredSubscriber subscriber) {
      return new ShutdownReport.Running(
          owner.getName(), subscriber.id(), subscriber.name(), subscriber.mode());
    }
    return new ShutdownReport.Running(owner.getName(), null, null, null);
  }

  /** One thread's place in its publish; written only by that thread. */
  public static final class Slot {

    private static final VarHandle AT;

    static {
      try {
        AT = MethodHandles.lookup().findVarHandle(Slot.class, "at", Object.class);
      } catch (ReflectiveOperationException impossible) {
        throw new ExceptionInInitializerError(impossible);
      }
    }

    private final Thread owner;

    // null: no publish; PUBLISHING; or the RegisteredSubscriber the publish is at.
    @SuppressWarnings("unused")
    private volatile @Nullable Object at;

    private Slot(Thread owner) {
      this.owner = owner;
    }

    /**
     * Marks a publish as begun, before the publish checks the bus's state.
     *
     * @return what to pass to {@link #exit}: where an enclosing publish on this thread was (a
     *     handler that publishes), or {@code null}
     */
    public @Nullable Object enter() {
      Object outer = AT.get(this);
      if (outer == null) {
        AT.setVolatile(this, PUBLISHING);
      } else {
        AT.setRelease(this, PUBLISHING);
      }
      return outer;
    }

    /** Records that the publish has reached {@code subscriber}. */
    public void at(RegisteredSubscriber subscriber) {
      AT.setRelease(this, subscriber);
    }

    /** Marks the publish as ended; {@code outer} is what {@link #enter} returned. */
    public void exit(@Nullable Object outer) {
      AT.setRelease(this, outer);
    }

    @Nullable Object at() {
      return AT.getVolatile(this);
    }
  }
}
