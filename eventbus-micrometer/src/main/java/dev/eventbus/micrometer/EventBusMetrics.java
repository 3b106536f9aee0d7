package dev.eventbus.micrometer;

import dev.eventbus.api.EventBusStats;
import dev.eventbus.api.SubscriptionId;
import dev.eventbus.api.SubscriptionStats;
import dev.eventbus.api.TypeStats;
import dev.eventbus.api.UnifiedEventBus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Binds a bus's {@link UnifiedEventBus#stats() stats} to a Micrometer {@link MeterRegistry}. Every
 * meter reads a snapshot of the stats that is at most {@code maxAge} old (one second by default),
 * so one scrape calls {@code stats()} once, not once per meter.
 *
 * <p>Meters, all function-based (nothing is counted twice: the bus counts, the meters read):
 *
 * <ul>
 *   <li>{@code eventbus.subscriptions} (gauge): active subscriptions.
 *   <li>Per event type, tag {@code type}: function counters {@code eventbus.type.published}, {@code
 *       .unhandled}, {@code .delivered}, {@code .filtered}, {@code .failed}, {@code .retried},
 *       {@code .dead.lettered}, {@code .dropped}, and the gauge {@code eventbus.type.pending}.
 *   <li>Per subscription, tags {@code subscription} (its name), {@code subscription.id}, {@code
 *       type} (what it subscribed to) and {@code mode}: function counters {@code
 *       eventbus.subscription.delivered}, {@code .filtered}, {@code .failed}, {@code .retried},
 *       {@code .dead.lettered}, {@code .dropped}; gauges {@code eventbus.subscription.queue.depth},
 *       {@code eventbus.subscription.batch.size.last} and {@code .mean}; time gauges {@code
 *       eventbus.subscription.latency.p50}, {@code .p99} and {@code .max} (sampled handler latency,
 *       see {@link dev.eventbus.api.LatencySummary}).
 * </ul>
 *
 * <p>Types and subscriptions that appear later are registered when a snapshot is next taken (at the
 * next scrape); the meters of a closed subscription are removed then. With metrics off in the bus's
 * configuration, only the bus-wide gauge is registered.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class EventBusMetrics implements MeterBinder {

  private final UnifiedEventBus bus;
  private final Tags tags;
  private final long maxAgeNanos;
  private final List<MeterRegistry> registries = new ArrayList<>();
  private final Set<String> boundTypes = new HashSet<>();
  private final Map<SubscriptionId, List<Meter>> boundSubscriptions = new HashMap<>();
  private Snapshot snapshot;

  /**
   * Binds {@code bus} with no extra tags and snapshots at most one second old.
   *
   * @param bus the bus whose stats to bind
   */
  public EventBusMetrics(UnifiedEventBus bus) {
    this(bus, Tags.empty(), Duration.ofSeconds(1));
  }

  /**
   * Binds {@code bus} with extra tags on every meter and snapshots at most {@code maxAge} old.
   *
   * @param bus the bus to read
   * @param tags added to every meter (a {@code bus} name, say)
   * @param maxAge how old a stats snapshot may be when a meter is read; {@link Duration#ZERO} reads
   *     the bus on every meter read
   * @throws IllegalArgumentException if {@code maxAge} is negative
   */
  public EventBusMetrics(UnifiedEventBus bus, Iterable<Tag> tags, Duration maxAge) {
    this.bus = Objects.requireNonNull(bus, "bus");
    this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.isNegative()) {
      throw new IllegalArgumentException("maxAge must be >= 0 but was " + maxAge);
    }
    this.maxAgeNanos = maxAge.toNanos();
    this.snapshot = new Snapshot(bus.stats(), System.nanoTime());
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    synchronized (this) {
      Gauge.builder("eventbus.subscriptions", this, m -> m.current().stats.subscriptions())
          .tags(tags)
          .description("active subscriptions")
          .strongReference(true)
          .register(registry);
      for (String type : boundTypes) {
        bindType(registry, type);
      }
      for (Map.Entry<SubscriptionId, List<Meter>> bound : boundSubscriptions.entrySet()) {
        SubscriptionStats subscription = snapshot.subscriptions.get(bound.getKey());
        if (subscription != null) {
          bound.getValue().addAll(bindSubscription(registry, subscription));
        }
      }
      registries.add(registry);
      refresh();
    }
  }

  /** The snapshot meters read now: taken again if older than {@code maxAge}. */
  private synchronized Snapshot current() {
    Snapshot now = snapshot;
    if (maxAgeNanos > 0 && System.nanoTime() - now.takenNanos <= maxAgeNanos) {
      return now;
    }
    return refresh();
  }

  /** Takes a new snapshot and registers meters for the types and subscriptions new in it. */
  private Snapshot refresh() {
    Snapshot now = new Snapshot(bus.stats(), System.nanoTime());
    snapshot = now;
    registerNew(now);
    return now;
  }

  private void registerNew(Snapshot now) {
    for (TypeStats type : now.stats.byType()) {
      if (boundTypes.add(type.type())) {
        for (MeterRegistry registry : registries) {
          bindType(registry, type.type());
        }
      }
    }
    Set<SubscriptionId> active = new HashSet<>();
    for (SubscriptionStats subscription : now.stats.bySubscription()) {
      active.add(subscription.subscriptionId());
      if (!boundSubscriptions.containsKey(subscription.subscriptionId())) {
        List<Meter> meters = new ArrayList<>();
        for (MeterRegistry registry : registries) {
          meters.addAll(bindSubscription(registry, subscription));
        }
        boundSubscriptions.put(subscription.subscriptionId(), meters);
      }
    }
    boundSubscriptions
        .entrySet()
        .removeIf(
            entry -> {
              if (active.contains(entry.getKey())) {
                return false;
              }
              for (Meter meter : entry.getValue()) {
                for (MeterRegistry registry : registries) {
                  registry.remove(meter);
                }
              }
              return true;
            });
  }

  private void bindType(MeterRegistry registry, String type) {
    Tags typeTags = tags.and("type", type);
    typeCounter(registry, "published", type, typeTags, TypeStats::published);
    typeCounter(registry, "unhandled", type, typeTags, TypeStats::unhandled);
    typeCounter(registry, "delivered", type, typeTags, TypeStats::delivered);
    typeCounter(registry, "filtered", type, typeTags, TypeStats::filtered);
    typeCounter(registry, "failed", type, typeTags, TypeStats::failed);
    typeCounter(registry, "retried", type, typeTags, TypeStats::retried);
    typeCounter(registry, "dead.lettered", type, typeTags, TypeStats::deadLettered);
    typeCounter(registry, "dropped", type, typeTags, TypeStats::dropped);
    Gauge.builder(
            "eventbus.type.pending", this, m -> m.current().typeValue(type, TypeStats::pending))
        .tags(typeTags)
        .description("deliveries accepted and not finished")
        .strongReference(true)
        .register(registry);
  }

  private void typeCounter(
      MeterRegistry registry,
      String name,
      String type,
      Tags typeTags,
      ToLongFunction<TypeStats> value) {
    FunctionCounter.builder("eventbus.type." + name, this, m -> m.current().typeValue(type, value))
        .tags(typeTags)
        .register(registry);
  }

  private List<Meter> bindSubscription(MeterRegistry registry, SubscriptionStats subscription) {
    SubscriptionId id = subscription.subscriptionId();
    Tags subscriptionTags =
        tags.and(
            Tags.of(
                "subscription", subscription.subscriptionName(),
                "subscription.id", Long.toString(id.value()),
                "type", subscription.eventType(),
                "mode", subscription.mode().name()));
    List<Meter> meters = new ArrayList<>();
    meters.add(counter(registry, "delivered", subscriptionTags, id, SubscriptionStats::delivered));
    meters.add(counter(registry, "filtered", subscriptionTags, id, SubscriptionStats::filtered));
    meters.add(counter(registry, "failed", subscriptionTags, id, SubscriptionStats::failed));
    meters.add(counter(registry, "retried", subscriptionTags, id, SubscriptionStats::retried));
    meters.add(
        counter(registry, "dead.lettered", subscriptionTags, id, SubscriptionStats::deadLettered));
    meters.add(counter(registry, "dropped", subscriptionTags, id, SubscriptionStats::dropped));
    meters.add(gauge(registry, "queue.depth", subscriptionTags, id, SubscriptionStats::queueDepth));
    meters.add(
        gauge(registry, "batch.size.last", subscriptionTags, id, SubscriptionStats::lastBatchSize));
    meters.add(
        gauge(registry, "batch.size.mean", subscriptionTags, id, SubscriptionStats::meanBatchSize));
    meters.add(latency(registry, "p50", subscriptionTags, id, s -> s.latency().p50Nanos()));
    meters.add(latency(registry, "p99", subscriptionTags, id, s -> s.latency().p99Nanos()));
    meters.add(latency(registry, "max", subscriptionTags, id, s -> s.latency().maxNanos()));
    return meters;
  }

  private Meter counter(
      MeterRegistry registry,
      String name,
      Tags subscriptionTags,
      SubscriptionId id,
      ToDoubleFunction<SubscriptionStats> value) {
    return FunctionCounter.builder(
            "eventbus.subscription." + name, this, m -> m.current().subscriptionValue(id, value))
        .tags(subscriptionTags)
        .register(registry);
  }

  private Meter gauge(
      MeterRegistry registry,
      String name,
      Tags subscriptionTags,
      SubscriptionId id,
      ToDoubleFunction<SubscriptionStats> value) {
    return Gauge.builder(
            "eventbus.subscription." + name, this, m -> m.current().subscriptionValue(id, value))
        .tags(subscriptionTags)
        .strongReference(true)
        .register(registry);
  }

  private Meter latency(
      MeterRegistry registry,
      String name,
      Tags subscriptionTags,
      SubscriptionId id,
      ToDoubleFunction<SubscriptionStats> nanos) {
    return TimeGauge.builder(
            "eventbus.subscription.latency." + name,
            this,
            TimeUnit.NANOSECONDS,
            m -> m.current().subscriptionValue(id, nanos))
        .tags(subscriptionTags)
        .strongReference(true)
        .register(registry);
  }

  /** One reading of the bus's stats, indexed for the meters. */
  private static final class Snapshot {
    final EventBusStats stats;
    final long takenNanos;
    private final Map<String, TypeStats> types = new HashMap<>();
    private final Map<SubscriptionId, SubscriptionStats> subscriptions = new HashMap<>();

    Snapshot(EventBusStats stats, long takenNanos) {
      this.stats = stats;
      this.takenNanos = takenNanos;
      for (TypeStats type : stats.byType()) {
        types.put(type.type(), type);
      }
      for (SubscriptionStats subscription : stats.bySubscription()) {
        subscriptions.put(subscription.subscriptionId(), subscription);
      }
    }

    double typeValue(String type, ToLongFunction<TypeStats> value) {
      TypeStats stats = types.get(type);
      return stats == null ? 0 : value.applyAsLong(stats);
    }

    double subscriptionValue(SubscriptionId id, ToDoubleFunction<SubscriptionStats> value) {
      SubscriptionStats stats = subscriptions.get(id);
      return stats == null ? Double.NaN : value.applyAsDouble(stats);
    }
  }
}
