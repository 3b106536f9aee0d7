package dev.eventbus.processors;

import dev.eventbus.api.AsyncConfig;
import dev.eventbus.api.DomainEvent;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.core.spi.DeliveryCallback;
import dev.eventbus.core.spi.DeliveryOutcome;
import dev.eventbus.core.spi.EventProcessor;
import dev.eventbus.core.spi.ProcessorContext;
import dev.eventbus.core.spi.Subscriber;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * {@link ProcessingMode#ASYNC}: each event goes to one of {@link AsyncConfig#shards()} ordered
 * lanes, chosen by its partition key (or else its type name), and a Reactor worker per lane runs
 * the handlers. So events with one key reach each subscriber in publish order, and all subscribers
 * of one event run one after the other in priority order, off the publisher's thread.
 *
 * <ul>
 *   <li>Each lane queues at most {@link AsyncConfig#queueSize()} deliveries; when full, the
 *       subscription's overflow policy applies.
 *   <li>Inside a lane, queued {@code HIGH} events run before {@code NORMAL} ones and those before
 *       {@code LOW} ones (see {@link DomainEvent#priority()}); order by key holds among events of
 *       one priority.
 *   <li>A failed attempt waits for its retry on the worker's timer, not on a thread; the lane holds
 *       back the events behind it, so order is kept, while other lanes go on.
 *   <li>Every delivery an overflow policy refuses, whether the publish throws or not, is counted as
 *       dropped and told to the {@link dev.eventbus.api.DropListener}.
 *   <li>Closing a subscription takes its queued deliveries out of the lanes at once: they are
 *       settled as dropped, without telling the drop listener, and free their queue room.
 *   <li>{@link #stop} refuses new deliveries on every lane, waits for the lanes to drain until the
 *       deadline, then reports and drops what is left, including a handler still running (whose
 *       thread is then interrupted).
 * </ul>
 *
 * <p>One instance per bus. Thread-safe.
 */
final class AsyncProcessor implements EventProcessor {

  private final @Nullable Scheduler suppliedScheduler;
  // Set by start(), which the bus runs before it publishes its RUNNING state (a volatile write);
  // every deliver() follows a read of that state, so it sees these fields.
  private @Nullable Scheduler scheduler;
  private OrderedLane[] lanes = new OrderedLane[0];
  private @Nullable ProcessorContext context;
  private final SubscriptionStates<OwnLanes> ownLanes = new SubscriptionStates<>(this::ownLanesFor);
  private final OwnLaneThreads ownLaneThreads;
  private final Drainable.Stopping stopping =
      new Drainable.Stopping(() -> allLanes(ownLanes.stop()));

  /**
   * @param scheduler the scheduler whose workers run the lanes (one per shard), which the caller
   *     owns (tests pass a virtual-time one), or {@code null} for a parallel one of the processor's
   *     own, one thread per shard
   */
  AsyncProcessor(@Nullable Scheduler scheduler) {
    this.suppliedScheduler = scheduler;
    this.ownLaneThreads = new OwnLaneThreads(scheduler, "eventbus-async-own-lane");
  }

  @Override
  public ProcessingMode mode() {
    return ProcessingMode.ASYNC;
  }

  @Override
  public boolean isSharded() {
    return true;
  }

  @Override
  public void start(ProcessorContext processorContext) {
    AsyncConfig config = processorContext.config().async();
    Scheduler running =
        suppliedScheduler != null
            ? suppliedScheduler
            : Schedulers.newParallel("eventbus-async", config.shards(), true);
    OrderedLane[] created = new OrderedLane[config.shards()];
    for (int shard = 0; shard < created.length; shard++) {
      created[shard] =
          new OrderedLane(
              "async-" + shard,
              config.queueSize(),
              running.createWorker(),
              processorContext,
              suppliedScheduler == null,
              true);
    }
    this.scheduler = running;
    this.lanes = created;
    this.context = processorContext;
  }

  @Override
  public DeliveryOutcome deliver(
      Subscriber subscriber, Object event, int shard, DeliveryCallback callback) {
    int lane = DomainEvent.priorityOf(event).ordinal();
    OrderedLane target;
    if (subscriber.concurrency() > 1 || subscriber.ownLanes()) {
      OwnLanes group = ownLanes.of(subscriber);
      if (group == null) {
        return SubscriptionStates.refused(subscriber, event, Objects.requireNonNull(context));
      }
      // Order-free: round robin. Ordered: the shard, so one key always meets the same lane.
      target = subscriber.concurrency() > 1 ? group.next() : group.lanes()[shard % group.size()];
    } else {
      target = lanes[shard];
    }
    return target.offer(
        subscriber,
        event,
        lane,
        callback,
        subscriber.overflowPolicy(),
        Objects.requireNonNull(context).config().async().blockTimeout());
  }

  /**
   * A subscriber's own lanes, each one at a time: an order-free one's, one per unit of concurrency;
   * an ordered one's ({@code ownLanes}), one per shard.
   */
  private OwnLanes ownLanesFor(Subscriber subscriber) {
    ProcessorContext started = Objects.requireNonNull(context);
    Scheduler running = ownLaneThreads.get();
    OrderedLane[] created =
        new OrderedLane
            [subscriber.concurrency() > 1
                ? subscriber.concurrency()
                : started.config().async().shards()];
    for (int i = 0; i < created.length; i++) {
      created[i] =
          new OrderedLane(
              "async-" + subscriber.id() + "-" + i,
              started.config().async().queueSize(),
              running.createWorker(),
              started,
              suppliedScheduler == null,
              true);
    }
    return new OwnLanes(created);
  }

  /** A subscriber's own lanes and, for an order-free one, the round-robin position. */
  private record OwnLanes(OrderedLane[] lanes, AtomicInteger position)
      implements SubscriptionStates.Retirable {
    OwnLanes(OrderedLane[] lanes) {
      this(lanes, new AtomicInteger());
    }

    int size() {
      return lanes.length;
    }

    OrderedLane next() {
      return lanes[Math.floorMod(position.getAndIncrement(), lanes.length)];
    }

    /** Retired once each of its lanes has settled what it holds and disposed its worker. */
    @Override
    public void retire(Runnable onRetired) {
      AtomicInteger left = new AtomicInteger(lanes.length);
      for (OrderedLane lane : lanes) {
        lane.retire(
            () -> {
              if (left.decrementAndGet() == 0) {
                onRetired.run();
              }
            });
      }
    }
  }

  private List<OrderedLane> allLanes(Collection<OwnLanes> orderFreeGroups) {
    List<OrderedLane> all = new ArrayList<>(List.of(lanes));
    for (OwnLanes group : orderFreeGroups) {
      all.addAll(List.of(group.lanes()));
    }
    return all;
  }

  /**
   * Takes the closed subscriber's queued deliveries out of every lane and settles them as dropped,
   * without telling the drop listener: the subscriber asked for no more events. They no longer hold
   * queue room, and their {@code publishAsync} futures complete now. A delivery already running
   * finishes.
   */
  @Override
  public void unsubscribed(Subscriber subscriber) {
    for (OrderedLane lane : allLanes(ownLanes.all())) {
      lane.discard(subscriber);
    }
    ownLanes.retire(subscriber.id());
  }

  /** Order-free subscriptions whose lanes are kept (for tests: closed ones leave once retired). */
  int orderFreeKept() {
    return ownLanes.size();
  }

  /** Deliveries queued and not yet started, over all shards. */
  int queued() {
    int total = 0;
    for (OrderedLane lane : allLanes(ownLanes.all())) {
      total += lane.queued();
    }
    return total;
  }

  @Override
  public void beginStop() {
    stopping.begin();
  }

  @Override
  public StopResult stop(long deadlineNanos) {
    StopResult result = stopping.finish(deadlineNanos);
    if (suppliedScheduler == null && scheduler != null) {
      scheduler.dispose();
    }
    ownLaneThreads.stop();
    return result;
  }

  @Override
  public String toString() {
    return "AsyncProcessor{shards=" + lanes.length + ", queued=" + queued() + '}';
  }
}
