package dev.eventbus.core.internal.dispatch;

import dev.eventbus.api.EventFilter;
import dev.eventbus.core.internal.subscriber.RegisteredSubscriber;
import java.util.List;

/**
 * The filters an event passes on its way to one subscriber: the bus-wide filters, in the order they
 * were added, then the subscriber's own. A filter's exception propagates to the caller, which turns
 * it into a failed delivery.
 */
public final class FilterChain {

  private final EventFilter[] busFilters;

  public FilterChain(List<EventFilter> busFilters) {
    this.busFilters = busFilters.toArray(new EventFilter[0]);
  }

  /** Whether every bus-wide filter accepts {@code event}; evaluated once per event. */
  public boolean acceptsBusWide(Object event) {
    for (EventFilter filter : busFilters) {
      if (!filter.accept(event)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code subscriber}'s own filter, if any, accepts {@code event}. */
  public static boolean acceptsFor(RegisteredSubscriber subscriber, Object event) {
    EventFilter filter = subscriber.filter();
    return filter == null || filter.accept(event);
  }
}
