package dev.eventbus.core.internal.metrics;

import dev.eventbus.api.AdaptiveChoice;
import dev.eventbus.api.BatchTuning;
import dev.eventbus.api.DomainEvent;
import dev.eventbus.api.EventBusStats;
import dev.eventbus.api.SubscriptionId;
import dev.eventbus.api.SubscriptionStats;
import dev.eventbus.api.TypeStats;
import dev.eventbus.core.internal.subscriber.RegisteredSubscriber;
import dev.eventbus.core.spi.DeliveryCallback;
import dev.eventbus.core.spi.DeliveryOutcome;
import dev.eventbus.core.spi.Subscriber;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The counters behind {@link EventBusStats}: one {@link TypeCounters} per event type name (up to a
 * bound; the rest share {@link TypeStats#OTHER}), and each subscriber's own {@link
 * dev.eventbus.core.internal.subscriber.SubscriberMetrics}. The bus-wide counters are the sums of
 * the per-type ones, so a publish counts each thing once.
 *
 * <p>The hot path never comes here for a lookup: a publish counts in its thread's {@link
 * RouteCounts} cell, with the {@link TypeCounters} its cached type resolution holds. This class
 * looks a type up by name only where no resolution is at hand, all off the common path: retries,
 * dead-letter replays and redeliveries after a restart. When disabled, every method returns at once
 * and the stats read 0.
 */
public final class StatsCounters implements DeliveryCallback {

  private final boolean enabled;
  private final int maxTrackedTypes;
  private final Map<String, TypeCounters> byType = new ConcurrentHashMap<>();
  private final TypeCounters other;
  private final RouteCounts routes;
  private final MetricsListeners listeners;
  private int nextSlot;
  private volatile boolean otherCounted;

  /**
   * @param enabled whether to count at all
   * @param maxTrackedTypes how many type names are counted on their own
   * @param listeners told of each type name when it is first counted
   */
  public StatsCounters(
      boolean enabled, int maxTrackedTypes, boolean timeEveryCall, MetricsListeners listeners) {
    this.enabled = enabled;
    this.listeners = listeners;
    this.maxTrackedTypes = maxTrackedTypes;
    this.routes = new RouteCounts(timeEveryCall);
    this.other =
        enabled ? new TypeCounters(TypeStats.OTHER, nextSlot++, true) : TypeCounters.DISABLED;
  }

  /** Whether this bus counts (metrics are on). */
  public boolean enabled() {
    return enabled;
  }

  /**
   * Counts one publish of {@code type} to {@code subscribers}: in the calling thread's {@link
   * RouteCounts} cell for a route the registry caches, else explicitly. Returns which subscriber to
   * time ({@link RouteCounts#sampled}). Kept small and apart from the dispatch loop so that the JIT
   * inlines it, and what it calls, whole.
   *
   * @param cell the calling thread's {@link #cell()} for a route the registry caches; {@code null}
   *     for one it does not, which is counted on the type's shared counters
   */
  public int countPublish(
      TypeCounters type, RegisteredSubscriber[] subscribers, RouteCounts.@Nullable Cell cell) {
    if (cell == null) {
      type.countExplicitly(subscribers);
      return RouteCounts.NONE_TIMED;
    }
    return routes.sampled(cell.count(type, subscribers), subscribers.length);
  }

  /**
   * The calling thread's counting cell: a thread-local lookup, which a caller that publishes often
   * does once and keeps (the publishing thread's in-flight slot does).
   */
  public RouteCounts.Cell cell() {
    return routes.cell();
  }

  /**
   * The counters of the type name {@code type}: made on first use, {@link TypeStats#OTHER}'s past
   * the bound, {@link TypeCounters#DISABLED} with metrics off. Called when a type resolution is
   * built, not per publish.
   */
  public TypeCounters forType(String type) {
    if (!enabled) {
      return TypeCounters.DISABLED;
    }
    TypeCounters counters = byType.get(type);
    if (counters != null) {
      return counters;
    }
    synchronized (byType) {
      counters = byType.get(type);
      if (counters != null) {
        return counters;
      }
      if (byType.size() >= maxTrackedTypes) {
        counters = other;
        if (otherCounted) {
          return other;
        }
        otherCounted = true;
      } else {
        counters = new TypeCounters(type, nextSlot++, true);
        byType.put(type, counters);
      }
    }
    listeners.typeCounted(counters.type());
    return counters;
  }

  /** The type names counted so far, {@link TypeStats#OTHER} included once it has been used. */
  public List<String> countedTypes() {
    List<String> types = new ArrayList<>(byType.keySet());
    if (otherCounted) {
      types.add(TypeStats.OTHER);
    }
    return types;
  }

  /** The counters of the type {@code event} was published as. */
  public TypeCounters forEvent(Object event) {
    return enabled ? forType(DomainEvent.typeNameOf(event)) : TypeCounters.DISABLED;
  }

  /** Counts a dead letter's replayed delivery, for its type and its subscriber. */
  public void recordRedelivery(
      RegisteredSubscriber subscriber, Object event, DeliveryOutcome outcome) {
    if (!enabled) {
      return;
    }
    forEvent(event).recordRedelivery(subscriber, outcome);
  }

  /**
   * Counts one attempt after the first for the event's type (the invoker counts the subscriber).
   */
  public void recordRetry(Subscriber subscriber, Object event) {
    if (enabled) {
      forEvent(event).recordRetry();
    }
  }

  /** Counts the final outcome of a pending delivery whose type was not at hand. */
  @Override
  public void completed(Subscriber subscriber, Object event, DeliveryOutcome outcome) {
    if (enabled) {
      forEvent(event).completed(subscriber, event, outcome);
    }
  }

  /**
   * A reading of every counter.
   *
   * @param subscribers the active subscribers
   * @param batchTuning what the processors report
   * @param adaptive what the processors report
   * @param redelivered what the journal reports
   */
  public EventBusStats snapshot(
      List<RegisteredSubscriber> subscribers,
      Map<SubscriptionId, BatchTuning> batchTuning,
      Map<SubscriptionId, AdaptiveChoice> adaptive,
      long redelivered) {
    if (!enabled) {
      return new EventBusStats(
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          redelivered,
          subscribers.size(),
          batchTuning,
          adaptive,
          List.of(),
          List.of());
    }
    return routes.read(
        (liveByType, liveBySubscriber) ->
            snapshot(
                subscribers, batchTuning, adaptive, redelivered, liveByType, liveBySubscriber));
  }

  private EventBusStats snapshot(
      List<RegisteredSubscriber> subscribers,
      Map<SubscriptionId, BatchTuning> batchTuning,
      Map<SubscriptionId, AdaptiveChoice> adaptive,
      long redelivered,
      Map<TypeCounters, RouteCounts.Live> liveByType,
      Map<RegisteredSubscriber, RouteCounts.SubscriberLive> liveBySubscriber) {
    List<TypeStats> types = new ArrayList<>(byType.size() + 1);
    for (TypeCounters counters : byType.values()) {
      types.add(counters.snapshot(liveByType.getOrDefault(counters, RouteCounts.Live.NONE)));
    }
    types.sort(Comparator.comparing(TypeStats::type));
    TypeStats others = other.snapshot(liveByType.getOrDefault(other, RouteCounts.Live.NONE));
    if (others.published() > 0 || others.retried() > 0 || others.pending() != 0) {
      types.add(others);
    }
    long published = 0;
    long unhandled = 0;
    long delivered = 0;
    long failed = 0;
    long filtered = 0;
    long retried = 0;
    long deadLettered = 0;
    long dropped = 0;
    long pending = 0;
    for (TypeStats type : types) {
      published += type.published();
      unhandled += type.unhandled();
      delivered += type.delivered();
      failed += type.failed();
      filtered += type.filtered();
      retried += type.retried();
      deadLettered += type.deadLettered();
      dropped += type.dropped();
      pending += type.pending();
    }
    List<RegisteredSubscriber> ordered = new ArrayList<>(subscribers);
    ordered.sort(Comparator.comparingLong(RegisteredSubscriber::sequence));
    List<SubscriptionStats> bySubscription = new ArrayList<>(ordered.size());
    for (RegisteredSubscriber subscriber : ordered) {
      RouteCounts.SubscriberLive live =
          liveBySubscriber.getOrDefault(subscriber, RouteCounts.SubscriberLive.NONE);
      bySubscription.add(subscriber.metrics().snapshot(subscriber, live.routed(), live.accepted()));
    }
    return new EventBusStats(
        published,
        unhandled,
        delivered,
        failed,
        filtered,
        retried,
        deadLettered,
        dropped,
        pending,
        redelivered,
        subscribers.size(),
        batchTuning,
        adaptive,
        types,
        bySubscription);
  }
}
