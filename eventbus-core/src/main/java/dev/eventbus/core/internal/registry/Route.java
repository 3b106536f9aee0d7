package dev.eventbus.core.internal.registry;

import dev.eventbus.core.internal.metrics.TypeCounters;
import dev.eventbus.core.spi.Subscriber;

/**
 * Where an event goes: its subscribers in delivery order, and the counters of the type name it is
 * published as. Cached with the type resolution, so a publish gets both from one cache read.
 */
public final class Route {

  private final Subscriber[] subscribers;
  private final TypeCounters counters;

  Route(Subscriber[] subscribers, TypeCounters counters) {
    this.subscribers = subscribers;
    this.counters = counters;
  }

  /** The subscribers, in delivery order; shared, not to be modified. */
  public Subscriber[] subscribers() {
    return subscribers;
  }

  /** The counters of the event's type ({@link TypeCounters#DISABLED} with metrics off). */
  public TypeCounters counters() {
    return counters;
  }
}
