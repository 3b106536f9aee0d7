package dev.eventbus.core.internal.metrics;

import dev.eventbus.core.internal.subscriber.RegisteredSubscriber;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * How many events each thread has published through each route, counted without atomics: the
 * counting that lets a publish cost one plain increment however many subscribers it reaches. Beside
 * each route's count, the thread counts per subscriber the deliveries it handed to a queue
 * (accepted for later, the common outcome of the async modes), so that a queued delivery costs no
 * atomic counter on the publisher either.
 *
 * <p>Every publishing thread has a {@link Cell}, with one slot per event type ({@link
 * TypeCounters#slot()}). A slot holds the route (the subscriber array) the thread last published
 * that type through, and how many times. Only the owning thread writes a cell; it increments with
 * an opaque store, which on common hardware is a plain store. When the thread reaches a type
 * through a different route (the registry changed), it folds the old route's count into the type's
 * and its subscribers' totals and starts the slot afresh. Folding, growing a cell and reading all
 * cells happen under this object's lock, so a reader never sees a count both in a cell and in the
 * folded totals, nor in neither.
 *
 * <p>A cell outlives its thread until the next registration of a thread or reading of the counts,
 * which folds the cells of threads that have ended ({@link Thread#isAlive()} is false only after
 * all of the thread's writes are visible).
 */
public final class RouteCounts {

  private static final VarHandle COUNT = MethodHandles.arrayElementVarHandle(long[].class);
  private static final int INITIAL_SLOTS = 16;
  private static final int SAMPLE_SHIFT = 6;
  private static final long[] NONE_ACCEPTED = new long[0];

  private final int sampleMask;
  private final ThreadLocal<Cell> cells = ThreadLocal.withInitial(this::register);
  private final List<Cell> all = new ArrayList<>();

  /**
   * @param timeEveryPublish whether {@link #sampled} times every subscriber of every publish
   */
  RouteCounts(boolean timeEveryPublish) {
    this.sampleMask = timeEveryPublish ? 0 : (1 << SAMPLE_SHIFT) - 1;
  }

  /** What {@link #sampled} returns when no subscriber is to be timed. */
  public static final int NONE_TIMED = -1;

  /** What {@link #sampled} returns when every subscriber is to be timed. */
  public static final int ALL_TIMED = -2;

  /**
   * Which of a route's subscribers to time for the {@code count}-th publish through it on a thread:
   * none, except for the first publish and every 64th after it, which times one subscriber, each in
   * turn; or all of them when every call is timed. So a publish reads the clock at most twice per
   * 64, however many subscribers it reaches (a clock read costs tens of nanoseconds on a virtual
   * machine, more than the rest of the counting).
   */
  public int sampled(long count, int subscribers) {
    if (sampleMask == 0) {
      return ALL_TIMED;
    }
    if (subscribers == 0 || ((count - 1) & sampleMask) != 0) {
      return NONE_TIMED;
    }
    return (int) (((count - 1) >>> SAMPLE_SHIFT) % subscribers);
  }

  /** The calling thread's cell. */
  public Cell cell() {
    return cells.get();
  }

  private synchronized Cell register() {
    foldEndedThreads();
    Cell cell = new Cell(Thread.currentThread());
    all.add(cell);
    return cell;
  }

  /** What the live cells hold for one type. */
  record Live(long publishes, long routings, long unhandled, long accepted) {
    static final Live NONE = new Live(0, 0, 0, 0);

    /**
     * What one cell's slot holds: {@code count} publishes through a route of {@code subscribers}.
     */
    static Live of(long count, int subscribers, long accepted) {
      return new Live(count, count * subscribers, subscribers == 0 ? count : 0, accepted);
    }

    Live plus(Live other) {
      return new Live(
          publishes + other.publishes,
          routings + other.routings,
          unhandled + other.unhandled,
          accepted + other.accepted);
    }
  }

  /** What the live cells hold for one subscriber. */
  record SubscriberLive(long routed, long accepted) {
    static final SubscriberLive NONE = new SubscriberLive(0, 0);

    SubscriberLive plus(SubscriberLive other) {
      return new SubscriberLive(routed + other.routed, accepted + other.accepted);
    }
  }

  /**
   * Reads every live cell under the lock and runs {@code reader} with the results, still under the
   * lock, so that nothing is folded between the reading and its use.
   */
  synchronized <T> T read(Reader<T> reader) {
    foldEndedThreads();
    Map<TypeCounters, Live> byType = new IdentityHashMap<>();
    Map<RegisteredSubscriber, SubscriberLive> bySubscriber = new IdentityHashMap<>();
    for (Cell cell : all) {
      for (int slot = 0; slot < cell.routes.length; slot++) {
        RegisteredSubscriber[] route = cell.routes[slot];
        TypeCounters type = cell.types[slot];
        if (route == null || type == null) {
          continue;
        }
        long count = (long) COUNT.getOpaque(cell.counts, slot);
        long[] accepted = cell.accepted[slot];
        long acceptedAll = 0;
        for (int i = 0; i < route.length; i++) {
          long acceptedHere = (long) COUNT.getOpaque(accepted, i);
          acceptedAll += acceptedHere;
          bySubscriber.merge(
              route[i], new SubscriberLive(count, acceptedHere), SubscriberLive::plus);
        }
        byType.merge(type, Live.of(count, route.length, acceptedAll), Live::plus);
      }
    }
    return reader.read(byType, bySubscriber);
  }

  /** Uses a reading of the cells. */
  interface Reader<T> {
    T read(Map<TypeCounters, Live> byType, Map<RegisteredSubscriber, SubscriberLive> bySubscriber);
  }

  // Under the lock.
  private void foldEndedThreads() {
    for (Iterator<Cell> cells = all.iterator(); cells.hasNext(); ) {
      Cell cell = cells.next();
      if (!cell.owner.isAlive()) {
        for (int slot = 0; slot < cell.routes.length; slot++) {
          cell.foldSlot(slot);
        }
        cells.remove();
      }
    }
  }

  /** One thread's counts. Written only by that thread. */
  public final class Cell {

    private final Thread owner;
    private TypeCounters[] types = new TypeCounters[INITIAL_SLOTS];
    private RegisteredSubscriber[][] routes = new RegisteredSubscriber[INITIAL_SLOTS][];
    private long[] counts = new long[INITIAL_SLOTS];
    // Per slot, parallel to its route: deliveries to routes[slot][i] accepted for later.
    private long[][] accepted = new long[INITIAL_SLOTS][];

    private Cell(Thread owner) {
      this.owner = owner;
    }

    /**
     * Counts one publish of {@code type} through {@code route} and returns how many this thread has
     * counted through it so far, this one included (what {@link #sampled} takes).
     */
    public long count(TypeCounters type, RegisteredSubscriber[] route) {
      int slot = type.slot();
      RegisteredSubscriber[][] owned = routes;
      if (slot < owned.length && owned[slot] == route) {
        long[] counted = counts;
        long count = counted[slot] + 1;
        COUNT.setOpaque(counted, slot, count);
        return count;
      }
      claim(type, route, slot);
      return 1;
    }

    /**
     * Counts a delivery to {@code route[index]} accepted for later, in this thread's cell, if the
     * cell counts {@code route} for {@code type} (it may not: a handler of the same publish may
     * have published {@code type} through a newer route since, on this thread).
     *
     * @return whether it was counted; if not, the caller counts it on the shared counters
     */
    public boolean countAccepted(TypeCounters type, RegisteredSubscriber[] route, int index) {
      int slot = type.slot();
      if (slot < routes.length && routes[slot] == route) {
        long[] counted = accepted[slot];
        COUNT.setOpaque(counted, index, counted[index] + 1);
        return true;
      }
      return false;
    }

    private void claim(TypeCounters type, RegisteredSubscriber[] route, int slot) {
      synchronized (RouteCounts.this) {
        if (slot >= routes.length) {
          int length = Math.max(slot + 1, routes.length * 2);
          types = Arrays.copyOf(types, length);
          routes = Arrays.copyOf(routes, length);
          counts = Arrays.copyOf(counts, length);
          accepted = Arrays.copyOf(accepted, length);
        }
        foldSlot(slot);
        types[slot] = type;
        routes[slot] = route;
        accepted[slot] = route.length == 0 ? NONE_ACCEPTED : new long[route.length];
        COUNT.setOpaque(counts, slot, 1L);
      }
    }

    // Under the lock.
    private void foldSlot(int slot) {
      RegisteredSubscriber[] route = routes[slot];
      TypeCounters type = types[slot];
      long count = counts[slot];
      if (route != null && type != null && count != 0) {
        type.fold(count, route);
        type.foldAccepted(accepted[slot], route);
      }
      routes[slot] = null;
      types[slot] = null;
      accepted[slot] = null;
      COUNT.setOpaque(counts, slot, 0L);
    }
  }
}
