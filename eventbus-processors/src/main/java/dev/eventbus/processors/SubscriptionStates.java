package dev.eventbus.processors;

import dev.eventbus.api.SubscriptionId;
import dev.eventbus.core.spi.DeliveryOutcome;
import dev.eventbus.core.spi.ProcessorContext;
import dev.eventbus.core.spi.Subscriber;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The per-subscription state of a processor (a batch accumulator, an adaptive subscription's lanes,
 * an order-free subscription's lanes) with the lifecycle all of them share: made on the
 * subscription's first event, never after the processor stopped or the subscription closed, and
 * retired when the subscription closes.
 *
 * <p>States are made, retired and listed for the stop under one lock, so that every state is either
 * stopped with the others or never made: one made after the stop would hold its deliveries forever,
 * since the scheduler its lanes run on is disposed; and none is made for a closed subscription,
 * whose retirement might otherwise have come first. Looking a state up takes no lock. Thread-safe.
 *
 * @param <S> the state
 */
final class SubscriptionStates<S extends SubscriptionStates.Retirable> {

  /** A state that can be retired once its subscription is closed. */
  interface Retirable {

    /**
     * Settles what the state holds for the closed subscription without running it, then releases
     * its resources and runs {@code onRetired}, on whatever thread finishes last.
     */
    void retire(Runnable onRetired);
  }

  private final ConcurrentMap<SubscriptionId, Entry<S>> states = new ConcurrentHashMap<>();
  // The entry found last: a publish to the same subscription as the one before (the usual case
  // under load) finds its state by one read and an identity check, without hashing its id. Written
  // only when another subscription's state is found, so it stays in every publisher's cache.
  private volatile @Nullable Entry<S> recent;
  private final Function<Subscriber, S> factory;
  // Guarded by this.
  private boolean stopped;

  /**
   * @param factory makes the state of a subscription, under this object's lock
   */
  SubscriptionStates(Function<Subscriber, S> factory) {
    this.factory = factory;
  }

  /**
   * The subscriber's state, made on its first event; {@code null} once the processor has stopped or
   * the subscription was closed.
   */
  @Nullable S of(Subscriber subscriber) {
    Entry<S> entry = recent;
    if (entry != null && entry.subscriber == subscriber) {
      return entry.state;
    }
    entry = states.get(subscriber.id());
    if (entry == null) {
      entry = make(subscriber);
      if (entry == null) {
        return null;
      }
    }
    recent = entry;
    return entry.state;
  }

  private synchronized @Nullable Entry<S> make(Subscriber subscriber) {
    if (stopped || !subscriber.isActive()) {
      return null;
    }
    return states.computeIfAbsent(
        subscriber.id(), id -> new Entry<>(subscriber, factory.apply(subscriber)));
  }

  /** The state of a subscription, if it has one (and it has not been retired). */
  @Nullable S find(SubscriptionId id) {
    Entry<S> entry = states.get(id);
    return entry == null ? null : entry.state;
  }

  /** The states now, weakly consistent. */
  List<S> all() {
    List<S> all = new ArrayList<>(states.size());
    for (Entry<S> entry : states.values()) {
      all.add(entry.state);
    }
    return all;
  }

  /** How many states are kept (closed subscriptions' leave once retired). */
  int size() {
    return states.size();
  }

  /** Retires a closed subscription's state, if it has one; it is forgotten once retired. */
  synchronized void retire(SubscriptionId id) {
    Entry<S> entry = states.get(id);
    if (entry != null) {
      if (recent == entry) {
        // A publish racing the close may still find it (as through the map until it is removed);
        // later ones skip the closed subscription before they look.
        recent = null;
      }
      entry.state.retire(() -> states.remove(id, entry));
    }
  }

  /** Refuses to make states from now on, and returns those made. */
  synchronized List<S> stop() {
    stopped = true;
    return all();
  }

  /** A subscription's state, with the subscriber it was made for. */
  private record Entry<S>(Subscriber subscriber, S state) {}

  /**
   * The outcome of a delivery whose subscriber has no state to take it ({@link #of} returned {@code
   * null}): dropped. A subscription closed while the publish was on its way asked for no more
   * events, so that drop is not reported; any other came from a publish that passed the bus's
   * running check before the stop and arrived after it, and is reported.
   */
  static DeliveryOutcome refused(Subscriber subscriber, Object event, ProcessorContext context) {
    if (subscriber.isActive()) {
      context.reportDrop(subscriber, event, "bus stopped");
    }
    return DeliveryOutcome.Status.DROPPED;
  }
}
