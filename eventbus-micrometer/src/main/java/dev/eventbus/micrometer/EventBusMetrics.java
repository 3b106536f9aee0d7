package dev.eventbus.micrometer;

import dev.eventbus.api.AdaptiveChoice;
import dev.eventbus.api.EventBusStats;
import dev.eventbus.api.MetricsListener;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.Subscription;
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
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Binds a bus to a Micrometer {@link MeterRegistry}: a {@link Timer} of handler latency and
 * function counters and gauges over the bus's {@link UnifiedEventBus#stats() stats}, per event type
 * and per subscription.
 *
 * <p>Meters, each with a description:
 *
 * <ul>
 *   <li>{@code eventbus.subscriptions} (gauge): active subscriptions.
 *   <li>Per event type, tag {@code type} (the event's {@linkplain
 *       dev.eventbus.api.DomainEvent#typeNameOf type name}, or {@code TypeStats.OTHER} past {@code
 *       MetricsConfig.maxTrackedEventTypes()}): function counters {@code eventbus.type.published},
 *       {@code .unhandled}, {@code .delivered}, {@code .filtered}, {@code .failed}, {@code
 *       .retried}, {@code .dead.lettered}, {@code .dropped}, and the gauge {@code
 *       eventbus.type.pending}. Registered when the bus first counts the type.
 *   <li>Per subscription, tags {@code subscription} (its {@linkplain Subscription#name() name},
 *       stable across runs; never its id) and {@code mode}: the timer {@code eventbus.handler}
 *       (handler calls the bus times: a sample of one in 64 by default, every call with {@code
 *       MetricsConfig.recordLatency()}; percentiles, histograms and SLOs as the registry's {@code
 *       MeterFilter}s configure them); function counters {@code eventbus.subscription.delivered},
 *       {@code .filtered}, {@code .failed}, {@code .retried}, {@code .dead.lettered}, {@code
 *       .dropped}; gauges {@code eventbus.subscription.queue.depth} and {@code
 *       eventbus.subscription.batch.size.mean}; for an {@code ADAPTIVE} subscription also the
 *       function counter {@code eventbus.subscription.adaptive.switches} (how often its mode
 *       changed) and the gauge {@code eventbus.subscription.adaptive.mode} with a tag {@code
 *       current} of {@code SYNC}, {@code ASYNC} and {@code BATCH} (1 for the mode it runs in now, 0
 *       for the others). Registered when the subscription is made, before {@code subscribe}
 *       returns, and removed when it is closed. Subscriptions that share a name and a mode share
 *       their meters: the counters and the queue depth are their sums.
 * </ul>
 *
 * <p>The counters read the bus's own counts (nothing is counted twice), through a snapshot of
 * {@code stats()} at most {@code maxAge} old: by default none is kept, so a read right after a
 * publish shows it. A registry with many meters may set a {@code maxAge} shorter than its scrape
 * interval, so that one scrape reads the bus once.
 *
 * <p>With metrics off in the bus's configuration, only {@code eventbus.subscriptions} is
 * registered. Thread-safe.
 *
 * @since 0.1
 */
public final class EventBusMetrics implements MeterBinder {

  private static final String TYPE = "eventbus.type.";
  private static final String SUBSCRIPTION = "eventbus.subscription.";

  private final UnifiedEventBus bus;
  private final Tags tags;
  private final long maxAgeNanos;
  private final Listener listener = new Listener();
  private final List<MeterRegistry> registries = new ArrayList<>();
  private final Set<String> types = new LinkedHashSet<>();
  private final Map<Tags, Group> groups = new LinkedHashMap<>();
  private final Map<SubscriptionId, Group> groupOf = new HashMap<>();
  private volatile Snapshot snapshot;

  /**
   * Binds {@code bus} with no extra tags, reading its stats afresh for every meter read.
   *
   * @param bus the bus to bind
   */
  public EventBusMetrics(UnifiedEventBus bus) {
    this(bus, Tags.empty(), Duration.ZERO);
  }

  /**
   * Binds {@code bus} with extra tags on every meter.
   *
   * @param bus the bus to bind
   * @param tags added to every meter (a {@code bus} name, say)
   * @param maxAge how old a stats snapshot may be when a meter is read; {@link Duration#ZERO} (the
   *     default) reads the bus on every meter read
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

  /**
   * Registers the meters in {@code registry}: the bus-wide gauge, and the meters of every type and
   * subscription there is now and will be. The first call adds a {@link MetricsListener} to the
   * bus; {@link #close()} removes it.
   */
  @Override
  public void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    synchronized (this) {
      if (registries.contains(registry)) {
        return;
      }
      Gauge.builder("eventbus.subscriptions", this, m -> m.current().stats.subscriptions())
          .tags(tags)
          .description("Active subscriptions of the bus")
          .strongReference(true)
          .register(registry);
      registries.add(registry);
      if (!bus.config().metrics().enabled()) {
        return;
      }
      for (String type : types) {
        bindType(registry, type);
      }
      for (Group group : groups.values()) {
        group.bind(registry);
      }
      if (registries.size() > 1) {
        return;
      }
    }
    // Outside this object's lock: the bus calls the listener under its own lock, and then the
    // listener takes this one.
    bus.addMetricsListener(listener);
  }

  /**
   * Stops following the bus: removes the listener from it and the per-type and per-subscription
   * meters from the registries (the bus-wide gauge stays until the registry is closed).
   */
  public void close() {
    bus.removeMetricsListener(listener);
    synchronized (this) {
      for (Group group : groups.values()) {
        group.remove();
      }
      groups.clear();
      groupOf.clear();
    }
  }

  /**
   * The snapshot meters read now: taken again if older than {@code maxAge}. Not under this object's
   * lock, which the bus's listener calls take while the bus holds locks of its own.
   */
  private Snapshot current() {
    Snapshot now = snapshot;
    if (maxAgeNanos > 0 && System.nanoTime() - now.takenNanos <= maxAgeNanos) {
      return now;
    }
    now = new Snapshot(bus.stats(), System.nanoTime());
    snapshot = now;
    return now;
  }

  private synchronized void typeCounted(String type) {
    if (types.add(type)) {
      for (MeterRegistry registry : registries) {
        bindType(registry, type);
      }
    }
  }

  private synchronized MetricsListener.LatencyRecorder subscribed(Subscription subscription) {
    Tags groupTags =
        tags.and(Tags.of("subscription", subscription.name(), "mode", subscription.mode().name()));
    Group group = groups.get(groupTags);
    if (group == null) {
      group = new Group(groupTags, subscription.mode() == ProcessingMode.ADAPTIVE);
      groups.put(groupTags, group);
      for (MeterRegistry registry : registries) {
        group.bind(registry);
      }
    }
    group.members.add(subscription.id());
    groupOf.put(subscription.id(), group);
    return group;
  }

  private synchronized void unsubscribed(Subscription subscription) {
    Group group = groupOf.remove(subscription.id());
    if (group == null) {
      return;
    }
    group.members.remove(subscription.id());
    if (group.members.isEmpty()) {
      group.remove();
      groups.remove(group.tags);
    }
  }

  private void bindType(MeterRegistry registry, String type) {
    Tags typeTags = tags.and("type", type);
    typeCounter(registry, "published", "Events published", type, typeTags, TypeStats::published);
    typeCounter(
        registry,
        "unhandled",
        "Events published that no subscription matched",
        type,
        typeTags,
        TypeStats::unhandled);
    typeCounter(
        registry, "delivered", "Deliveries that succeeded", type, typeTags, TypeStats::delivered);
    typeCounter(
        registry, "filtered", "Deliveries a filter rejected", type, typeTags, TypeStats::filtered);
    typeCounter(
        registry, "failed", "Deliveries that failed for good", type, typeTags, TypeStats::failed);
    typeCounter(
        registry,
        "retried",
        "Handler attempts after the first",
        type,
        typeTags,
        TypeStats::retried);
    typeCounter(
        registry,
        "dead.lettered",
        "Failed deliveries handed to the dead-letter handler",
        type,
        typeTags,
        TypeStats::deadLettered);
    typeCounter(
        registry,
        "dropped",
        "Deliveries not made (overflow, stop)",
        type,
        typeTags,
        TypeStats::dropped);
    Gauge.builder(TYPE + "pending", this, m -> m.current().typeValue(type, TypeStats::pending))
        .tags(typeTags)
        .description("Deliveries accepted and not finished")
        .strongReference(true)
        .register(registry);
  }

  private void typeCounter(
      MeterRegistry registry,
      String name,
      String description,
      String type,
      Tags typeTags,
      ToLongFunction<TypeStats> value) {
    FunctionCounter.builder(TYPE + name, this, m -> m.current().typeValue(type, value))
        .tags(typeTags)
        .description(description)
        .register(registry);
  }

  /**
   * The meters of the subscriptions with one name and mode, and the recorder their handler calls
   * are timed into: it holds the timers themselves, so recording is no lookup.
   */
  private final class Group implements MetricsListener.LatencyRecorder {
    final Tags tags;
    final boolean adaptive;
    final Set<SubscriptionId> members = new LinkedHashSet<>();
    final List<Meter> meters = new ArrayList<>();
    volatile Timer[] timers = new Timer[0];

    Group(Tags tags, boolean adaptive) {
      this.tags = tags;
      this.adaptive = adaptive;
    }

    @Override
    public void record(long nanos) {
      for (Timer timer : timers) {
        timer.record(nanos, TimeUnit.NANOSECONDS);
      }
    }

    // Under the binder's lock.
    void bind(MeterRegistry registry) {
      Timer timer =
          Timer.builder("eventbus.handler")
              .tags(tags)
              .description("Handler calls of the subscription, as the bus times them")
              .register(registry);
      meters.add(timer);
      Timer[] now = Arrays.copyOf(timers, timers.length + 1);
      now[now.length - 1] = timer;
      timers = now;
      counter(registry, "delivered", "Deliveries that succeeded", SubscriptionStats::delivered);
      counter(registry, "filtered", "Deliveries a filter rejected", SubscriptionStats::filtered);
      counter(registry, "failed", "Deliveries that failed for good", SubscriptionStats::failed);
      counter(registry, "retried", "Handler attempts after the first", SubscriptionStats::retried);
      counter(
          registry,
          "dead.lettered",
          "Failed deliveries handed to the dead-letter handler",
          SubscriptionStats::deadLettered);
      counter(
          registry, "dropped", "Deliveries not made (overflow, stop)", SubscriptionStats::dropped);
      meters.add(
          Gauge.builder(
                  SUBSCRIPTION + "queue.depth",
                  this,
                  g -> g.sum(EventBusMetrics.this.current(), SubscriptionStats::queueDepth))
              .tags(tags)
              .description("Deliveries queued for the subscription")
              .strongReference(true)
              .register(registry));
      meters.add(
          Gauge.builder(
                  SUBSCRIPTION + "batch.size.mean",
                  this,
                  g -> g.max(EventBusMetrics.this.current(), SubscriptionStats::meanBatchSize))
              .tags(tags)
              .description("Mean size of the batches handed to the subscription")
              .strongReference(true)
              .register(registry));
      if (adaptive) {
        bindAdaptive(registry);
      }
    }

    private void bindAdaptive(MeterRegistry registry) {
      meters.add(
          FunctionCounter.builder(
                  SUBSCRIPTION + "adaptive.switches",
                  this,
                  g -> g.adaptiveSum(EventBusMetrics.this.current(), choice -> choice.switches()))
              .tags(tags)
              .description("Times the adaptive subscription's mode changed")
              .register(registry));
      for (ProcessingMode mode :
          List.of(ProcessingMode.SYNC, ProcessingMode.ASYNC, ProcessingMode.BATCH)) {
        meters.add(
            Gauge.builder(
                    SUBSCRIPTION + "adaptive.mode",
                    this,
                    g ->
                        g.adaptiveSum(
                            EventBusMetrics.this.current(),
                            choice -> choice.mode() == mode ? 1 : 0))
                .tags(tags.and("current", mode.name()))
                .description("1 while the adaptive subscription runs in the mode tagged current")
                .strongReference(true)
                .register(registry));
      }
    }

    double adaptiveSum(Snapshot snapshot, ToLongFunction<AdaptiveChoice> value) {
      double sum = 0;
      for (SubscriptionId id : membersNow()) {
        AdaptiveChoice choice = snapshot.stats.adaptive().get(id);
        if (choice != null) {
          sum += value.applyAsLong(choice);
        }
      }
      return sum;
    }

    private void counter(
        MeterRegistry registry,
        String name,
        String description,
        ToDoubleFunction<SubscriptionStats> value) {
      meters.add(
          FunctionCounter.builder(
                  SUBSCRIPTION + name, this, g -> g.sum(EventBusMetrics.this.current(), value))
              .tags(tags)
              .description(description)
              .register(registry));
    }

    // Under the binder's lock.
    void remove() {
      timers = new Timer[0];
      for (Meter meter : meters) {
        for (MeterRegistry registry : registries) {
          registry.remove(meter);
        }
      }
      meters.clear();
    }

    double sum(Snapshot snapshot, ToDoubleFunction<SubscriptionStats> value) {
      double sum = 0;
      for (SubscriptionId id : membersNow()) {
        SubscriptionStats stats = snapshot.subscriptions.get(id);
        if (stats != null) {
          sum += value.applyAsDouble(stats);
        }
      }
      return sum;
    }

    double max(Snapshot snapshot, ToDoubleFunction<SubscriptionStats> value) {
      double max = 0;
      for (SubscriptionId id : membersNow()) {
        SubscriptionStats stats = snapshot.subscriptions.get(id);
        if (stats != null) {
          max = Math.max(max, value.applyAsDouble(stats));
        }
      }
      return max;
    }

    private List<SubscriptionId> membersNow() {
      synchronized (EventBusMetrics.this) {
        return List.copyOf(members);
      }
    }
  }

  /** The bus's hook into this binder. */
  private final class Listener implements MetricsListener {
    @Override
    public LatencyRecorder subscribed(Subscription subscription) {
      return EventBusMetrics.this.subscribed(subscription);
    }

    @Override
    public void unsubscribed(Subscription subscription) {
      EventBusMetrics.this.unsubscribed(subscription);
    }

    @Override
    public void typeCounted(String type) {
      EventBusMetrics.this.typeCounted(type);
    }
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
  }
}
