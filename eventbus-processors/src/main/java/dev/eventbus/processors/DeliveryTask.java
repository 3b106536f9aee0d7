package dev.eventbus.processors;

import dev.eventbus.core.spi.DeliveryCallback;
import dev.eventbus.core.spi.DeliveryOutcome;
import dev.eventbus.core.spi.HandlerInvoker;
import dev.eventbus.core.spi.ProcessorContext;
import dev.eventbus.core.spi.Subscriber;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One event for one subscriber, settled exactly once however stop and the worker race.
 *
 * <p>An ASYNC lane reuses its tasks ({@link #reuse}, {@link #recycle}): the lane's drain gives a
 * task back to the lane's pool once it has run it to its end and nobody else can hold it, and a
 * publisher takes it from there for its next delivery, so that a delivery allocates nothing.
 */
final class DeliveryTask extends Task {

  // Final but for a reused task: written by the publisher before the task is queued again; null
  // only while a recycled task waits in its lane's pool (so as not to keep the last event alive).
  private @Nullable Object event;
  private @Nullable DeliveryCallback callback;
  // Whether the task came from a lane's pool and may go back to it once finished.
  private final boolean reusable;
  private static final VarHandle SETTLED;

  static {
    try {
      SETTLED = MethodHandles.lookup().findVarHandle(DeliveryTask.class, "settled", boolean.class);
    } catch (ReflectiveOperationException impossible) {
      throw new ExceptionInInitializerError(impossible);
    }
  }

  // Set once, by whoever settles the delivery first (the worker, stop, or an eviction); a field
  // updated through SETTLED rather than an AtomicBoolean, to spare an object per delivery.
  @SuppressWarnings("unused")
  private volatile boolean settled;

  private int attempts;

  DeliveryTask(Subscriber subscriber, Object event, int lane, DeliveryCallback callback) {
    this(subscriber, event, lane, callback, false);
  }

  /**
   * @param reusable whether the task belongs to a lane's pool ({@link OrderedLane}), which gives it
   *     back there once finished
   */
  DeliveryTask(
      Subscriber subscriber, Object event, int lane, DeliveryCallback callback, boolean reusable) {
    super(subscriber, lane);
    this.event = event;
    this.callback = callback;
    this.reusable = reusable;
  }

  /**
   * Gives a task taken from a lane's pool its next delivery. The task was {@linkplain #recycle
   * recycled}, and only the publisher that took it from the pool holds it.
   */
  DeliveryTask reuse(Subscriber target, Object next, int priorityLane, DeliveryCallback then) {
    reset(target, priorityLane);
    this.event = next;
    this.callback = then;
    this.attempts = 0;
    SETTLED.setRelease(this, false);
    return this;
  }

  /** Whether the task may go back to its lane's pool: from the pool, and run to its end. */
  boolean recyclable() {
    return reusable && settled;
  }

  /**
   * Forgets the finished delivery before the task goes back to the pool (for the drain, which ran
   * it and is the only one to hold it), so that the pool keeps no event or callback alive.
   */
  void recycle() {
    // Nulls: a null store skips the collector's write barrier, where a placeholder object costs it.
    this.event = null;
    this.callback = null;
    if (context != null) {
      this.context = null;
    }
  }

  @Override
  @Nullable Duration run(HandlerInvoker invoker) {
    if (settled) {
      return null;
    }
    if (!subscriber.isActive()) {
      // Closed while queued: the subscriber asked for no more events; not a loss to report.
      settle(DeliveryOutcome.Status.DROPPED);
      return null;
    }
    attempts++;
    Throwable failure = invoker.attempt(subscriber, event, attempts);
    if (failure == null) {
      settle(DeliveryOutcome.Status.DELIVERED);
      return null;
    }
    Duration wait;
    try {
      wait = invoker.retryDelay(subscriber, failure, attempts);
    } catch (RuntimeException | Error policyFailure) {
      // The retry policy's own predicate threw: no retry, and the failure says why.
      if (policyFailure != failure) {
        failure.addSuppressed(policyFailure);
      }
      wait = null;
    }
    if (wait == null) {
      // Claim the delivery first: if stop abandoned it meanwhile, it is neither reported as failed
      // nor dead-lettered, since it was already reported as undelivered.
      if (claim()) {
        complete(invoker.fail(subscriber, event, failure, attempts));
      }
      return null;
    }
    return wait;
  }

  @Override
  int size() {
    return 1;
  }

  @Override
  void refuse(ProcessorContext context, String reason) {
    // Refused while the dispatcher waits: it reports DROPPED itself, so only the listener is told.
    if (claim()) {
      context.reportDrop(subscriber, event, reason);
    }
  }

  @Override
  int discard(ProcessorContext context) {
    // Closed while queued: the subscriber asked for no more events; not a loss to report.
    return settle(DeliveryOutcome.Status.DROPPED) ? 1 : 0;
  }

  @Override
  int abandon(ProcessorContext context, String reason) {
    if (settle(DeliveryOutcome.Status.DROPPED)) {
      context.reportDrop(subscriber, event, reason);
      return 1;
    }
    return 0;
  }

  private boolean claim() {
    return SETTLED.compareAndSet(this, false, true);
  }

  private boolean settle(DeliveryOutcome outcome) {
    if (claim()) {
      complete(outcome);
      return true;
    }
    return false;
  }

  /** Ends a delivery this thread has {@linkplain #claim() claimed}: counted, then told. */
  private void complete(DeliveryOutcome outcome) {
    countIfRan(outcome);
    callback.completed(subscriber, event, outcome);
  }
}
