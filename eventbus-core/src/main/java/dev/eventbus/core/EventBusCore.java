package dev.eventbus.core;

import dev.eventbus.api.BatchTuning;
import dev.eventbus.api.DeadLetterQueue;
import dev.eventbus.api.DropListener;
import dev.eventbus.api.EventBusOverloadedException;
import dev.eventbus.api.EventBusState;
import dev.eventbus.api.EventBusStats;
import dev.eventbus.api.EventBusStoppedException;
import dev.eventbus.api.EventExceptionHandler;
import dev.eventbus.api.EventFilter;
import dev.eventbus.api.EventHandler;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.ShutdownReport;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.SubscriptionId;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.UnknownSubscriptionException;
import dev.eventbus.api.config.EventBusConfig;
import dev.eventbus.api.spi.DeadLetterHandler;
import dev.eventbus.core.annotation.AnnotatedListeners;
import dev.eventbus.core.deadletter.InMemoryDeadLetterQueue;
import dev.eventbus.core.internal.Durations;
import dev.eventbus.core.internal.dispatch.FilterChain;
import dev.eventbus.core.internal.dispatch.PublishTracker;
import dev.eventbus.core.internal.dispatch.ShardSelector;
import dev.eventbus.core.internal.dispatch.ShardedEventDispatcher;
import dev.eventbus.core.internal.durable.DurableDelivery;
import dev.eventbus.core.internal.durable.TrackedPublish;
import dev.eventbus.core.internal.metrics.StatsCounters;
import dev.eventbus.core.internal.registry.CopyOnWriteSubscriptionRegistry;
import dev.eventbus.core.internal.registry.Route;
import dev.eventbus.core.spi.DeliveryOutcome;
import dev.eventbus.core.spi.EventProcessor;
import dev.eventbus.core.spi.HandlerInvoker;
import dev.eventbus.core.spi.ProcessorContext;
import dev.eventbus.core.spi.Sleeper;
import dev.eventbus.core.spi.Subscriber;
import dev.eventbus.core.store.DurableStorage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The engine behind every {@link UnifiedEventBus} of this library: resolves an event's subscribers
 * from a copy-on-write registry, filters, and hands each delivery to the {@link EventProcessor} of
 * the subscriber's mode. It runs the modes it is given processors for; {@code
 * dev.eventbus.processors.EventBusFactory} builds one with the standard set.
 *
 * <p>Thread-safe; see {@link UnifiedEventBus} for the contract. There is no global instance: make
 * one per application (or per bounded context) and inject it where it is used.
 *
 * @since 0.1
 */
public final class EventBusCore implements UnifiedEventBus {

  private final AtomicReference<EventBusConfig> config;
  private final CopyOnWriteSubscriptionRegistry registry;
  private final ShardedEventDispatcher dispatcher;
  private final StatsCounters stats;
  private final Map<ProcessingMode, EventProcessor> processors;
  private final ProcessorContext processorContext;
  private final @Nullable InMemoryDeadLetterQueue deadLetterQueue;
  private final AtomicReference<EventBusState> state = new AtomicReference<>(EventBusState.NEW);
  private final AtomicLong lastSubscriptionId = new AtomicLong();
  private final @Nullable DurableDelivery durable;
  private final Object durableRegistration = new Object();

  private EventBusCore(Builder builder) {
    EventBusConfig config = builder.config;
    this.config = new AtomicReference<>(config);
    boolean metrics = config.metrics().enabled();
    this.stats =
        new StatsCounters(
            metrics, config.metrics().maxTrackedEventTypes(), config.metrics().recordLatency());
    this.registry =
        new CopyOnWriteSubscriptionRegistry(
            config.typeCacheSize(), metrics ? stats::forType : null);
    this.processors = Collections.unmodifiableMap(new EnumMap<>(builder.processors));
    DeadLetterHandler deadLetterHandler = builder.deadLetterHandler;
    if (deadLetterHandler == null) {
      this.deadLetterQueue =
          new InMemoryDeadLetterQueue(config.retry().deadLetterCapacity(), this::redeliver);
      deadLetterHandler = deadLetterQueue;
    } else {
      this.deadLetterQueue = null;
    }
    HandlerInvoker invoker =
        new HandlerInvoker(
            builder.exceptionHandler,
            deadLetterHandler,
            builder.sleeper,
            builder.clock,
            stats::recordRetry);
    this.processorContext =
        new ProcessorContext(this.config::get, invoker, builder.clock, builder.dropListener);
    this.dispatcher =
        new ShardedEventDispatcher(
            new FilterChain(builder.filters),
            new ShardSelector(config.async().shards()),
            invoker,
            stats);
    DurableStorage storage = builder.storage;
    this.durable =
        storage == null ? null : new DurableDelivery(storage, config.storage(), builder.clock);
  }

  /** A builder with the default configuration and no processors. */
  public static Builder builder() {
    return new Builder();
  }

  /** The configuration in force now. */
  public EventBusConfig config() {
    return config.get();
  }

  /**
   * Changes the bus's tunables while it runs: retry, overflow and batch defaults (for subscriptions
   * that did not set their own), batch bounds and adaptive batching, adaptive-mode thresholds,
   * block timeout, shutdown timeout and the default mode of later subscriptions. What is laid out
   * when the bus is built cannot change: shard count, queue size, metrics, storage and type cache
   * size.
   *
   * @throws NullPointerException if {@code next} is null
   * @throws IllegalArgumentException if {@code next} changes something fixed at build time (the
   *     message names the field, the value in force and the value asked for), or its default mode
   *     has no processor on this bus
   */
  public void reconfigure(EventBusConfig next) {
    Objects.requireNonNull(next, "next");
    EventBusConfig now = config.get();
    requireUnchanged("async.shards", now.async().shards(), next.async().shards());
    requireUnchanged("async.queueSize", now.async().queueSize(), next.async().queueSize());
    requireUnchanged("typeCacheSize", now.typeCacheSize(), next.typeCacheSize());
    requireUnchanged("metrics", now.metrics().toString(), next.metrics().toString());
    requireUnchanged("storage", now.storage().toString(), next.storage().toString());
    requireUnchanged(
        "retry.deadLetterCapacity",
        now.retry().deadLetterCapacity(),
        next.retry().deadLetterCapacity());
    if (!processors.containsKey(next.defaultMode())) {
      throw new IllegalArgumentException(
          "defaultMode "
              + next.defaultMode()
              + " has no processor on this bus (it runs "
              + processors.keySet()
              + ")");
    }
    config.set(next);
    for (EventProcessor processor : processors.values()) {
      processor.reconfigured(next);
    }
  }

  private static void requireUnchanged(String field, Object now, Object next) {
    if (!now.equals(next)) {
      throw new IllegalArgumentException(
          field + " is fixed when the bus is built: it is " + now + ", not " + next);
    }
  }

  /**
   * The processor of this bus that is a {@code type}, for what a processor shows about itself
   * (batch tuning, adaptive choices).
   */
  public <P extends EventProcessor> Optional<P> processor(Class<P> type) {
    Objects.requireNonNull(type, "type");
    for (EventProcessor processor : processors.values()) {
      if (type.isInstance(processor)) {
        return Optional.of(type.cast(processor));
      }
    }
    return Optional.empty();
  }

  /** The storage of a durable bus, if it has one (for replay, snapshots, quarantine). */
  public Optional<DurableStorage> storage() {
    DurableDelivery durable = this.durable;
    return durable == null ? Optional.empty() : Optional.of(durable.storage());
  }

  /**
   * Deliveries made again since this bus was built because the store still had them pending: the
   * possible duplicates of an at-least-once bus after a restart. 0 for a bus without storage.
   */
  public long redelivered() {
    DurableDelivery durable = this.durable;
    return durable == null ? 0 : durable.redelivered();
  }

  /** The modes this bus can run. */
  public java.util.Set<ProcessingMode> supportedModes() {
    return processors.keySet();
  }

  @Override
  public PublishResult publish(Object event) {
    Objects.requireNonNull(event, "event");
    ensureRunning();
    Route route = registry.routeFor(event);
    DurableDelivery durable = this.durable;
    if (durable == null) {
      return dispatcher.dispatch(event, route, route.counters());
    }
    TrackedPublish tracked = durable.store(event, route.subscribers(), route.counters());
    return dispatcher.dispatch(event, route, tracked, tracked.immediate());
  }

  @Override
  public CompletableFuture<PublishResult> publishAsync(Object event) {
    Objects.requireNonNull(event, "event");
    ensureRunning();
    Route route = registry.routeFor(event);
    PublishTracker tracker = new PublishTracker(route.counters());
    DurableDelivery durable = this.durable;
    try {
      if (durable == null) {
        tracker.dispatched(dispatcher.dispatch(event, route, tracker));
      } else {
        TrackedPublish tracked = durable.store(event, route.subscribers(), tracker);
        tracker.dispatched(dispatcher.dispatch(event, route, tracked, tracked.immediate()));
      }
    } catch (EventBusOverloadedException overloaded) {
      return CompletableFuture.failedFuture(overloaded);
    }
    return tracker.future();
  }

  @Override
  public List<PublishResult> publishAll(Iterable<?> events) {
    Objects.requireNonNull(events, "events");
    List<PublishResult> results = new ArrayList<>();
    for (Object event : events) {
      Objects.requireNonNull(event, () -> "events[" + results.size() + "]");
      results.add(publish(event));
    }
    return Collections.unmodifiableList(results);
  }

  @Override
  public <E> Subscription subscribe(
      Class<E> eventType, EventHandler<? super E> handler, SubscriptionOptions options) {
    Objects.requireNonNull(eventType, "eventType");
    if (eventType.isPrimitive()) {
      throw new IllegalArgumentException(
          "eventType must be a reference type (events are objects) but was " + eventType);
    }
    @SuppressWarnings("unchecked") // The registry only routes instances of eventType here.
    EventHandler<Object> untyped = (EventHandler<Object>) handler;
    return register(eventType, eventType.getName(), untyped, options);
  }

  @Override
  public Subscription subscribe(
      String eventType, EventHandler<Object> handler, SubscriptionOptions options) {
    Objects.requireNonNull(eventType, "eventType");
    if (eventType.isBlank()) {
      throw new IllegalArgumentException("eventType must not be blank but was '" + eventType + "'");
    }
    return register(eventType, eventType, handler, options);
  }

  private Subscription register(
      Object key, String eventType, EventHandler<Object> handler, SubscriptionOptions options) {
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(options, "options");
    EventBusState now = state.get();
    if (now == EventBusState.STOPPING || now == EventBusState.STOPPED) {
      throw new EventBusStoppedException(now);
    }
    ProcessingMode mode = options.processingMode().orElse(config.get().defaultMode());
    EventProcessor processor = processors.get(mode);
    if (processor == null) {
      throw new IllegalArgumentException(
          "processing mode "
              + mode
              + " is not available on this bus (it runs "
              + processors.keySet()
              + ")");
    }
    if (options.concurrency() > 1 && mode != ProcessingMode.ASYNC) {
      throw new IllegalArgumentException(
          "concurrency "
              + options.concurrency()
              + " needs mode ASYNC, not "
              + mode
              + ": only asynchronous deliveries can run side by side");
    }
    Subscriber subscriber =
        new Subscriber(
            new SubscriptionId(lastSubscriptionId.incrementAndGet()),
            eventType,
            handler,
            options,
            mode,
            processor,
            config::get,
            this::closeQuietly);
    DurableDelivery durable = this.durable;
    if (durable == null || !DurableDelivery.tracks(mode)) {
      registry.add(key, subscriber);
      return subscriber;
    }
    synchronized (durableRegistration) {
      durable.checkName(subscriber, registry.snapshot().all());
      if (state.get() == EventBusState.RUNNING) {
        recover(durable, subscriber);
      }
      registry.add(key, subscriber);
    }
    return subscriber;
  }

  /** Redelivers a tracked subscriber's pending deliveries before it sees new events. */
  private void recover(DurableDelivery durable, Subscriber subscriber) {
    durable.recover(
        subscriber,
        stats,
        (event, target, tracked) ->
            dispatcher.dispatch(
                event,
                Route.oneOff(new Subscriber[] {target}, stats.forEvent(event)),
                tracked,
                tracked.immediate()));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Implemented by {@link AnnotatedListeners#register}, which returns a {@link
   * dev.eventbus.core.annotation.ListenerSubscription}.
   */
  @Override
  public Subscription register(Object listener) {
    return AnnotatedListeners.register(this, listener);
  }

  @Override
  public void unsubscribe(SubscriptionId id) {
    Objects.requireNonNull(id, "id");
    if (!remove(id)) {
      throw new UnknownSubscriptionException(id);
    }
  }

  private void closeQuietly(Subscriber subscriber) {
    remove(subscriber.id());
  }

  private boolean remove(SubscriptionId id) {
    Subscriber removed = registry.remove(id);
    if (removed == null) {
      return false;
    }
    removed.deactivate();
    removed.processor().unsubscribed(removed);
    return true;
  }

  @Override
  public EventBusStats stats() {
    List<BatchTuning> batchTuning = new ArrayList<>();
    for (EventProcessor processor : processors.values()) {
      batchTuning.addAll(processor.batchTuning());
    }
    return stats.snapshot(registry.snapshot().all(), batchTuning);
  }

  @Override
  public Optional<DeadLetterQueue> deadLetters() {
    return Optional.ofNullable(deadLetterQueue);
  }

  private InMemoryDeadLetterQueue.Redelivery.Result redeliver(SubscriptionId id, Object event) {
    Subscriber subscriber = registry.snapshot().find(id);
    if (subscriber == null || !subscriber.isActive()) {
      return InMemoryDeadLetterQueue.Redelivery.Result.SUBSCRIPTION_GONE;
    }
    DeliveryOutcome outcome = processorContext.invoker().invoke(subscriber, event);
    stats.recordRedelivery(subscriber, event, outcome);
    return outcome == DeliveryOutcome.Status.DELIVERED
        ? InMemoryDeadLetterQueue.Redelivery.Result.DELIVERED
        : InMemoryDeadLetterQueue.Redelivery.Result.FAILED_AGAIN;
  }

  @Override
  public EventBusState state() {
    return state.get();
  }

  @Override
  public synchronized void start() {
    EventBusState now = state.get();
    if (now == EventBusState.RUNNING) {
      return;
    }
    if (now != EventBusState.NEW) {
      throw new IllegalStateException("cannot start an event bus that is " + now);
    }
    for (EventProcessor processor : processors.values()) {
      processor.start(processorContext);
    }
    DurableDelivery durable = this.durable;
    if (durable != null) {
      synchronized (durableRegistration) {
        for (Subscriber subscriber : registry.snapshot().all()) {
          if (subscriber.isActive() && DurableDelivery.tracks(subscriber.mode())) {
            recover(durable, subscriber);
          }
        }
      }
    }
    // Processors are started before RUNNING is published, so no delivery can reach one early.
    if (!state.compareAndSet(EventBusState.NEW, EventBusState.RUNNING)) {
      throw new IllegalStateException("the event bus was stopped while starting");
    }
  }

  @Override
  public ShutdownReport stop(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be >= 0 but was " + timeout);
    }
    long startNanos = System.nanoTime();
    long deadlineNanos = startNanos + Durations.saturatedNanos(timeout);
    EventBusState before = state.getAndUpdate(EventBusCore::stopping);
    if (before == EventBusState.STOPPING || before == EventBusState.STOPPED) {
      return new ShutdownReport(true, 0, List.of(), Duration.ZERO);
    }
    EventProcessor.StopResult result = EventProcessor.StopResult.NOTHING_QUEUED;
    if (before == EventBusState.RUNNING) {
      for (EventProcessor processor : processors.values()) {
        result = result.plus(processor.stop(deadlineNanos));
      }
    }
    DurableDelivery durable = this.durable;
    if (durable != null) {
      // Undelivered events stay pending in the store and are redelivered after the next start.
      durable.stop(deadlineNanos);
    }
    state.set(EventBusState.STOPPED);
    long endNanos = System.nanoTime();
    return result.toReport(endNanos - deadlineNanos <= 0, Duration.ofNanos(endNanos - startNanos));
  }

  @Override
  public void close() {
    stop(config.get().shutdownTimeout());
  }

  private void ensureRunning() {
    EventBusState now = state.get();
    if (now != EventBusState.RUNNING) {
      throw new EventBusStoppedException(now);
    }
  }

  private static EventBusState stopping(EventBusState state) {
    return state == EventBusState.STOPPED ? state : EventBusState.STOPPING;
  }

  @Override
  public String toString() {
    return "EventBusCore{state="
        + state.get()
        + ", modes="
        + processors.keySet()
        + ", subscriptions="
        + registry.snapshot().size()
        + '}';
  }

  /**
   * Builds an {@link EventBusCore}. Each setter may be called once per value it sets; processors
   * are one per mode. Not thread-safe.
   */
  public static final class Builder {
    private EventBusConfig config = EventBusConfig.defaults();
    private final Map<ProcessingMode, EventProcessor> processors =
        new EnumMap<>(ProcessingMode.class);
    private final List<EventFilter> filters = new ArrayList<>();
    private EventExceptionHandler exceptionHandler = HandlerInvoker.loggingExceptionHandler();
    private @Nullable DeadLetterHandler deadLetterHandler;
    private DropListener dropListener = ProcessorContext.loggingDropListener();
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private boolean autoStart = true;
    private @Nullable DurableStorage storage;

    private Builder() {}

    public Builder config(EventBusConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * Adds the processor of one mode.
     *
     * @throws IllegalArgumentException if a processor for that mode was already added
     */
    public Builder processor(EventProcessor processor) {
      Objects.requireNonNull(processor, "processor");
      EventProcessor previous = processors.putIfAbsent(processor.mode(), processor);
      if (previous != null) {
        throw new IllegalArgumentException(
            "a processor for mode " + processor.mode() + " was already added: " + previous);
      }
      return this;
    }

    /** Adds a bus-wide filter; filters run in the order added, before subscription filters. */
    public Builder filter(EventFilter filter) {
      filters.add(Objects.requireNonNull(filter, "filter"));
      return this;
    }

    /** Where final handler failures are reported; the default logs them at WARNING. */
    public Builder exceptionHandler(EventExceptionHandler exceptionHandler) {
      this.exceptionHandler = Objects.requireNonNull(exceptionHandler, "exceptionHandler");
      return this;
    }

    /**
     * Where final handler failures go after being reported, instead of the bus's in-memory
     * dead-letter queue (see {@link EventBusCore#deadLetters()}).
     */
    public Builder deadLetterHandler(DeadLetterHandler deadLetterHandler) {
      this.deadLetterHandler = Objects.requireNonNull(deadLetterHandler, "deadLetterHandler");
      return this;
    }

    /** Told of every dropped delivery; the default logs each at WARNING. */
    public Builder dropListener(DropListener dropListener) {
      this.dropListener = Objects.requireNonNull(dropListener, "dropListener");
      return this;
    }

    /** The clock that stamps envelopes and dead letters. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** What waits between retry attempts; tests pass a virtual one. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Makes the bus durable: every event is stored before {@code publish} returns, and deliveries
     * to asynchronous subscriptions (every mode but SYNC) are tracked and made again after a
     * restart until they complete (at least once). Such subscriptions need stable, unique names
     * (see {@link dev.eventbus.api.SubscriptionOptions#name()}).
     */
    public Builder storage(DurableStorage storage) {
      this.storage = Objects.requireNonNull(storage, "storage");
      return this;
    }

    /** Whether {@link #build()} starts the bus (default) or leaves it {@code NEW}. */
    public Builder autoStart(boolean autoStart) {
      this.autoStart = autoStart;
      return this;
    }

    /**
     * @throws IllegalStateException if no processor runs the configured default mode
     */
    public EventBusCore build() {
      if (config.storage().enabled() && storage == null) {
        throw new IllegalStateException(
            "storage.enabled is true but no DurableStorage was given: call storage(...) on the"
                + " builder");
      }
      if (!processors.containsKey(config.defaultMode())) {
        throw new IllegalStateException(
            "defaultMode "
                + config.defaultMode()
                + " has no processor (added: "
                + processors.keySet()
                + ")");
      }
      EventBusCore bus = new EventBusCore(this);
      if (autoStart) {
        bus.start();
      }
      return bus;
    }
  }
}
