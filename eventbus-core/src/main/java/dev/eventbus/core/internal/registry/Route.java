package dev.eventbus.core.internal.registry;

import dev.eventbus.core.internal.metrics.TypeCounters;
import dev.eventbus.core.internal.subscriber.RegisteredSubscriber;

/**
 * Where an event goes: its subscribers in delivery order, and the counters of the type name it is
 * published as. Cached with the type resolution, so a publish gets both from one cache read.
 */
public final class Route {

  private final RegisteredSubscriber[] subscribers;
  private final TypeCounters counters;
  private final boolean cached;

  Route(RegisteredSubscriber[] subscribers, TypeCounters counters) {
    this(subscribers, counters, true);
  }

  private Route(RegisteredSubscriber[] subscribers, TypeCounters counters, boolean cached) {
    this.subscribers = subscribers;
    this.counters = counters;
    this.cached = cached;
  }

  /**
   * A route made for one delivery outside the registry (a redelivery after a restart), counted
   * explicitly rather than in the thread's route counts, which suit only routes used again.
   */
  public static Route oneOff(RegisteredSubscriber[] subscribers, TypeCounters counters) {
    return new Route(subscribers, counters, false);
  }

  /** Whether this route is cached by the registry and used by many publishes. */
  public boolean cached() {
    return cached;
  }

  /** The subscribers, in delivery order; shared, not to be modified. */
  public RegisteredSubscriber[] subscribers() {
    return subscribers;
  }

  /** The counters of the event's type ({@link TypeCounters#DISABLED} with metrics off). */
  public TypeCounters counters() {
    return counters;
  }
}
