package dev.eventbus.core.internal;

import dev.eventbus.api.AdaptiveChoice;
import dev.eventbus.api.BatchTuning;
import dev.eventbus.api.DeadLetterQueue;
import dev.eventbus.api.DropListener;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.EventBusOverloadedException;
import dev.eventbus.api.EventBusState;
import dev.eventbus.api.EventBusStats;
import dev.eventbus.api.EventBusStoppedException;
import dev.eventbus.api.EventExceptionHandler;
import dev.eventbus.api.EventFilter;
import dev.eventbus.api.EventHandler;
import dev.eventbus.api.EventTransaction;
import dev.eventbus.api.MetricsListener;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.ShutdownReport;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.SubscriptionId;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.UnknownSubscriptionException;
import dev.eventbus.api.spi.ContextPropagator;
import dev.eventbus.api.spi.DeadLetterHandler;
import dev.eventbus.core.internal.annotation.AnnotatedListeners;
import dev.eventbus.core.internal.dispatch.FilterChain;
import dev.eventbus.core.internal.dispatch.InFlightPublishes;
import dev.eventbus.core.internal.dispatch.PublishTracker;
import dev.eventbus.core.internal.dispatch.RetryingHandlerInvoker;
import dev.eventbus.core.internal.dispatch.ShardSelector;
import dev.eventbus.core.internal.dispatch.ShardedEventDispatcher;
import dev.eventbus.core.internal.dispatch.Sleeper;
import dev.eventbus.core.internal.metrics.MetricsListeners;
import dev.eventbus.core.internal.metrics.StatsCounters;
import dev.eventbus.core.internal.registry.CopyOnWriteSubscriptionRegistry;
import dev.eventbus.core.internal.registry.Route;
import dev.eventbus.core.internal.subscriber.RegisteredSubscriber;
import dev.eventbus.core.journal.Journal;
import dev.eventbus.core.spi.DeliveryOutcome;
import dev.eventbus.core.spi.EventProcessor;
import dev.eventbus.core.spi.ProcessorContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The engine behind every {@link UnifiedEventBus} of this library: resolves an event's subscribers
 * from a copy-on-write registry, filters, and hands each delivery to the {@link EventProcessor} of
 * the subscriber's mode. It always runs {@code SYNC}; the other modes run on the processors it is
 * given. With a {@link Journal} every event is stored before it is dispatched.
 *
 * <p>Not an API: users build buses with {@code dev.eventbus.processors.EventBusFactory}.
 * Thread-safe; see {@link UnifiedEventBus} for the contract.
 */
public final class EventBusCore implements UnifiedEventBus {

  private static final System.Logger LOG = System.getLogger(EventBusCore.class.getName());

  private final AtomicReference<EventBusConfig> config;
  private final CopyOnWriteSubscriptionRegistry registry;
  private final ShardedEventDispatcher dispatcher;
  private final StatsCounters stats;
  private final MetricsListeners metricsListeners = new MetricsListeners();
  private final Map<ProcessingMode, EventProcessor> processors;
  private final BusProcessorContext processorContext;
  private final RetryingHandlerInvoker invoker;
  private final @Nullable DeadLetterQueue deadLetterQueue;
  private final AtomicReference<EventBusState> state = new AtomicReference<>(EventBusState.NEW);
  private final AtomicLong lastSubscriptionId = new AtomicLong();
  private final @Nullable Journal journal;
  private final Object journaledRegistration = new Object();
  private final InFlightPublishes inFlight = new InFlightPublishes();
  private final @Nullable ContextPropagator contextPropagator;

  private EventBusCore(Builder builder) {
    EventBusConfig config = builder.config;
    this.config = new AtomicReference<>(config);
    boolean metrics = config.metrics().enabled();
    this.stats =
        new StatsCounters(
            metrics,
            config.metrics().maxTrackedEventTypes(),
            config.metrics().recordLatency(),
            metricsListeners);
    this.registry =
        new CopyOnWriteSubscriptionRegistry(
            config.typeCacheSize(), metrics ? stats::forType : null);
    DeadLetterHandler deadLetterHandler = builder.deadLetterHandler;
    InMemoryDeadLetterQueue inMemoryQueue = null;
    if (deadLetterHandler == null) {
      inMemoryQueue = new InMemoryDeadLetterQueue(config.deadLetterCapacity(), this::redeliver);
      deadLetterHandler = inMemoryQueue;
    }
    this.invoker =
        new RetryingHandlerInvoker(
            builder.exceptionHandler,
            deadLetterHandler,
            builder.sleeper,
            builder.clock,
            stats::recordRetry);
    Map<ProcessingMode, EventProcessor> all = new EnumMap<>(ProcessingMode.class);
    all.put(ProcessingMode.SYNC, new SyncProcessor(invoker));
    all.putAll(builder.processors);
    this.processors = Collections.unmodifiableMap(all);
    this.processorContext =
        new BusProcessorContext(
            this.config::get,
            invoker,
            builder.clock,
            builder.dropListener,
            builder.contextPropagator);
    this.contextPropagator = builder.contextPropagator;
    this.dispatcher =
        new ShardedEventDispatcher(
            new FilterChain(builder.filters),
            new ShardSelector(config.async().shards()),
            invoker,
            stats);
    Journal.Opener opener = builder.journal;
    this.journal = opener == null ? null : opener.open(config.storage(), builder.clock);
    this.deadLetterQueue =
        inMemoryQueue == null || journal == null
            ? inMemoryQueue
            : journal.deadLetters(inMemoryQueue, this::replayTo);
  }

  /** {@return a builder with the default configuration, running {@code SYNC} only} */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public EventBusConfig config() {
    return config.get();
  }

  @Override
  public Set<ProcessingMode> modes() {
    return processors.keySet();
  }

  @Override
  public void reconfigure(EventBusConfig next) {
    Objects.requireNonNull(next, "next");
    EventBusConfig now = config.get();
    requireUnchanged("async.shards", now.async().shards(), next.async().shards());
    requireUnchanged("async.queueSize", now.async().queueSize(), next.async().queueSize());
    requireUnchanged("typeCacheSize", now.typeCacheSize(), next.typeCacheSize());
    requireUnchanged("deadLetterCapacity", now.deadLetterCapacity(), next.deadLetterCapacity());
    requireUnchanged("metrics", now.metrics(), next.metrics());
    requireUnchanged("storage", now.storage(), next.storage());
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

  @Override
  public PublishResult publish(Object event) {
    Objects.requireNonNull(event, "event");
    InFlightPublishes.Slot slot = inFlight.slot();
    Route route = registry.routeFor(event);
    slot.enter(route.subscribers()); // before the state check, which a stop then cannot miss
    try {
      ensureRunning();
      Journal journal = this.journal;
      if (journal == null) {
        return dispatcher.dispatch(event, route, route.counters(), null, slot);
      }
      Journal.Entry entry = journal.append(event, route.subscribers(), route.counters());
      return dispatcher.dispatch(event, route, entry, entry, slot);
    } finally {
      slot.exit();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>The journal appends the event on the transaction's connection; the SYNC subscribers that do
   * not wait for the commit run now; the others are dispatched by an action the transaction runs
   * after its commit: tracked ones through the journal, which waits for room in a full queue rather
   * than refuse a delivery already stored, SYNC ones on the committing thread. A bus that stopped
   * before the commit dispatches nothing then; the stored deliveries are made after its next start.
   */
  @Override
  @SuppressWarnings("try") // the context's scope is only closed
  public PublishResult publish(Object event, EventTransaction transaction) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(transaction, "transaction");
    InFlightPublishes.Slot slot = inFlight.slot();
    slot.enter(); // as in publish
    try {
      ensureRunning();
      Journal journal = this.journal;
      if (journal == null) {
        throw new IllegalStateException(
            "publishing in a transaction needs a bus with storage: build it with storage(...)");
      }
      Route route = registry.routeFor(event);
      RegisteredSubscriber[] all = route.subscribers();
      int later = 0;
      for (RegisteredSubscriber subscriber : all) {
        if (subscriber.afterCommit()) {
          later++;
        }
      }
      Journal.Entry entry =
          journal.appendInTransaction(transaction.connection(), event, all, route.counters());
      if (later == 0) {
        return dispatcher.dispatch(event, route, entry, entry, slot);
      }
      RegisteredSubscriber[] now = new RegisteredSubscriber[all.length - later];
      RegisteredSubscriber[] afterCommit = new RegisteredSubscriber[later];
      int n = 0;
      int a = 0;
      for (RegisteredSubscriber subscriber : all) {
        if (subscriber.afterCommit()) {
          afterCommit[a++] = subscriber;
        } else {
          now[n++] = subscriber;
        }
      }
      ContextPropagator propagator = contextPropagator;
      Object captured = propagator == null ? null : propagator.capture();
      if (propagator == null || captured == null) {
        transaction.afterCommit(() -> dispatchCommitted(journal, event, afterCommit, entry));
      } else {
        // The commit may run on another thread, or after the publisher's context ended.
        transaction.afterCommit(
            () -> {
              try (ContextPropagator.Scope restored = propagator.restore(captured)) {
                dispatchCommitted(journal, event, afterCommit, entry);
              }
            });
      }
      return dispatcher.dispatch(event, Route.oneOff(now, route.counters()), entry, entry, slot);
    } finally {
      slot.exit();
    }
  }

  /**
   * Dispatches, after the commit, the deliveries of a publish in a transaction that waited; on the
   * committing thread, which a stop waits for as for a publish.
   */
  private void dispatchCommitted(
      Journal journal, Object event, RegisteredSubscriber[] subscribers, Journal.Entry entry) {
    InFlightPublishes.Slot slot = inFlight.slot();
    slot.enter();
    try {
      if (state.get() != EventBusState.RUNNING) {
        return; // stored as pending: made again after the next start
      }
      for (RegisteredSubscriber subscriber : subscribers) {
        RegisteredSubscriber[] alone = {subscriber};
        Route route = Route.oneOff(alone, stats.forEvent(event));
        if (journal.tracks(subscriber.mode())) {
          journal.dispatchCommitted(
              event,
              subscriber,
              entry,
              (again, target, tracked) ->
                  dispatcher.dispatch(again, route, tracked, tracked, slot));
        } else {
          dispatcher.dispatch(event, route, entry, entry, slot);
        }
      }
    } finally {
      slot.exit();
    }
  }

  @Override
  public CompletableFuture<PublishResult> publishAsync(Object event) {
    Objects.requireNonNull(event, "event");
    InFlightPublishes.Slot slot = inFlight.slot();
    slot.enter(); // as in publish
    try {
      ensureRunning();
      Route route = registry.routeFor(event);
      PublishTracker tracker = new PublishTracker(route.counters());
      Journal journal = this.journal;
      try {
        if (journal == null) {
          tracker.dispatched(dispatcher.dispatch(event, route, tracker, null, slot));
        } else {
          Journal.Entry entry = journal.append(event, route.subscribers(), tracker);
          tracker.dispatched(dispatcher.dispatch(event, route, entry, entry, slot));
        }
      } catch (EventBusOverloadedException overloaded) {
        return CompletableFuture.failedFuture(overloaded);
      }
      return tracker.future();
    } finally {
      slot.exit();
    }
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
    if (options.ownLanes() && mode != ProcessingMode.ASYNC && mode != ProcessingMode.BATCH) {
      throw new IllegalArgumentException(
          "ownLanes needs mode ASYNC or BATCH, not "
              + mode
              + ": only asynchronous deliveries and batches run in lanes");
    }
    RegisteredSubscriber subscriber =
        new RegisteredSubscriber(
            new SubscriptionId(lastSubscriptionId.incrementAndGet()),
            eventType,
            handler,
            options,
            mode,
            processor,
            config::get,
            this::closeQuietly);
    Journal journal = this.journal;
    if (journal == null || !journal.tracks(mode)) {
      registry.add(key, subscriber);
      metricsListeners.subscribed(subscriber);
      return subscriber;
    }
    synchronized (journaledRegistration) {
      journal.checkSubscriber(subscriber, registry.snapshot().all());
      // Told before recovery, so that the redeliveries are timed like any delivery.
      metricsListeners.subscribed(subscriber);
      try {
        if (state.get() == EventBusState.RUNNING) {
          recover(journal, subscriber);
        }
        registry.add(key, subscriber);
      } catch (RuntimeException | Error failed) {
        subscriber.deactivate();
        metricsListeners.unsubscribed(subscriber);
        throw failed;
      }
    }
    return subscriber;
  }

  /** Redelivers a journaled subscriber's pending deliveries before it sees new events. */
  private void recover(Journal journal, RegisteredSubscriber subscriber) {
    RegisteredSubscriber[] alone = {subscriber};
    journal.recover(
        subscriber,
        stats,
        (event, target, entry) ->
            dispatcher.dispatch(
                event, Route.oneOff(alone, stats.forEvent(event)), entry, entry, null));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Implemented by {@link AnnotatedListeners#register}.
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

  private void closeQuietly(RegisteredSubscriber subscriber) {
    remove(subscriber.id());
  }

  private boolean remove(SubscriptionId id) {
    RegisteredSubscriber removed = registry.remove(id);
    if (removed == null) {
      return false;
    }
    removed.deactivate();
    removed.processor().unsubscribed(removed);
    metricsListeners.unsubscribed(removed);
    return true;
  }

  @Override
  public void addMetricsListener(MetricsListener listener) {
    Objects.requireNonNull(listener, "listener");
    synchronized (metricsListeners) {
      metricsListeners.add(listener, registry.snapshot().all(), stats.countedTypes());
    }
  }

  @Override
  public void removeMetricsListener(MetricsListener listener) {
    Objects.requireNonNull(listener, "listener");
    metricsListeners.remove(listener);
  }

  /**
   * The number of active subscriptions to exactly the type name {@code typeName}, not counting
   * subscriptions by class; for {@link dev.eventbus.core.internal.inspect.SubscriptionCounts}.
   *
   * @param typeName the type name, or {@code "*"}
   * @return the count, 0 or more
   */
  public int subscriptionsToTypeName(String typeName) {
    return registry.snapshot().countByName(typeName);
  }

  @Override
  public EventBusStats stats() {
    Map<SubscriptionId, BatchTuning> batchTuning = new LinkedHashMap<>();
    Map<SubscriptionId, AdaptiveChoice> adaptive = new LinkedHashMap<>();
    for (EventProcessor processor : processors.values()) {
      batchTuning.putAll(processor.batchTuning());
      adaptive.putAll(processor.adaptiveChoices());
    }
    Journal journal = this.journal;
    return stats.snapshot(
        registry.snapshot().all(),
        batchTuning,
        adaptive,
        journal == null ? 0 : journal.redelivered());
  }

  @Override
  public Optional<DeadLetterQueue> deadLetters() {
    return Optional.ofNullable(deadLetterQueue);
  }

  private InMemoryDeadLetterQueue.Redelivery.Result redeliver(SubscriptionId id, Object event) {
    RegisteredSubscriber subscriber = registry.snapshot().find(id);
    if (subscriber == null || !subscriber.isActive()) {
      return InMemoryDeadLetterQueue.Redelivery.Result.SUBSCRIPTION_GONE;
    }
    return deliverAgain(subscriber, event) == DeliveryOutcome.Status.DELIVERED
        ? InMemoryDeadLetterQueue.Redelivery.Result.DELIVERED
        : InMemoryDeadLetterQueue.Redelivery.Result.FAILED_AGAIN;
  }

  /** A stored dead letter's replay: to the active tracked subscription of that name, if any. */
  private @Nullable DeliveryOutcome replayTo(String subscriptionName, Object event) {
    Journal journal = Objects.requireNonNull(this.journal, "journal");
    for (RegisteredSubscriber subscriber : registry.snapshot().all()) {
      if (subscriber.isActive()
          && journal.tracks(subscriber.mode())
          && subscriber.name().equals(subscriptionName)) {
        return deliverAgain(subscriber, event);
      }
    }
    return null;
  }

  private DeliveryOutcome deliverAgain(RegisteredSubscriber subscriber, Object event) {
    DeliveryOutcome outcome = invoker.invoke(subscriber, event);
    stats.recordRedelivery(subscriber, event, outcome);
    return outcome;
  }

  @Override
  public boolean hasStorage() {
    return journal != null;
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
    Journal journal = this.journal;
    if (journal != null) {
      synchronized (journaledRegistration) {
        for (RegisteredSubscriber subscriber : registry.snapshot().all()) {
          if (subscriber.isActive() && journal.tracks(subscriber.mode())) {
            recover(journal, subscriber);
          }
        }
      }
    }
    // Processors are started before RUNNING is published, so no delivery can reach one early.
    if (!state.compareAndSet(EventBusState.NEW, EventBusState.RUNNING)) {
      throw new IllegalStateException("the event bus was stopped while starting");
    }
    EventBusConfig running = config.get();
    LOG.log(
        System.Logger.Level.INFO,
        "event bus started: modes {0}, default {1}, {2} shards, storage {3}, metrics {4}",
        processors.keySet(),
        running.defaultMode(),
        String.valueOf(running.async().shards()), // no digit grouping
        journal == null ? "off" : "on",
        running.metrics().enabled() ? "on" : "off");
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
    List<ShutdownReport.Running> publishesRunning = List.of();
    if (before == EventBusState.RUNNING) {
      // Every processor refuses new deliveries and takes its drained count from now, before any
      // is drained: what finishes while the stop waits for another part counts too.
      for (EventProcessor processor : processors.values()) {
        processor.beginStop();
      }
      // Publishes that passed the running check: a synchronous handler runs inside its publish.
      publishesRunning = inFlight.await(deadlineNanos);
      for (EventProcessor processor : processors.values()) {
        result = result.plus(processor.stop(deadlineNanos));
      }
    }
    Journal journal = this.journal;
    if (journal != null) {
      // Undelivered events stay pending in the store and are redelivered after the next start.
      journal.stop(deadlineNanos);
    }
    state.set(EventBusState.STOPPED);
    long endNanos = System.nanoTime();
    ShutdownReport report =
        result.toReport(
            endNanos - deadlineNanos <= 0,
            publishesRunning,
            Duration.ofNanos(endNanos - startNanos));
    logStopped(report);
    return report;
  }

  /** The one log line of a stop: INFO when everything finished in time, else WARNING. */
  private static void logStopped(ShutdownReport report) {
    if (report.completedInTime() && report.totalUndelivered() == 0 && report.running().isEmpty()) {
      LOG.log(System.Logger.Level.INFO, "event bus stopped: {0}", report);
    } else {
      LOG.log(
          System.Logger.Level.WARNING,
          "event bus stopped with work left ({0} deliveries undelivered, {1} still running): {2}",
          String.valueOf(report.totalUndelivered()),
          String.valueOf(report.running().size()),
          report);
    }
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
    return "UnifiedEventBus{state="
        + state.get()
        + ", modes="
        + processors.keySet()
        + ", subscriptions="
        + registry.snapshot().size()
        + '}';
  }

  /**
   * Assembles an {@link EventBusCore}: the plug-in wiring (processors, journal, sleeper) next to
   * the settings the user's builder passes on. Checks nothing the user's builder already checks.
   * Not thread-safe.
   */
  public static final class Builder {
    private EventBusConfig config = EventBusConfig.defaults();
    private final Map<ProcessingMode, EventProcessor> processors =
        new EnumMap<>(ProcessingMode.class);
    private final List<EventFilter> filters = new ArrayList<>();
    private EventExceptionHandler exceptionHandler =
        RetryingHandlerInvoker.loggingExceptionHandler();
    private @Nullable DeadLetterHandler deadLetterHandler;
    private DropListener dropListener = BusProcessorContext.loggingDropListener();
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private boolean autoStart = true;
    private Journal.@Nullable Opener journal;
    private @Nullable ContextPropagator contextPropagator;

    private Builder() {}

    /**
     * Carries each publisher's context to the handlers that run on other threads (see {@link
     * ProcessorContext#contextPropagator()}); none by default.
     *
     * @param contextPropagator what captures and restores the publisher's context
     * @return this builder
     * @throws NullPointerException if {@code contextPropagator} is null
     */
    public Builder contextPropagator(ContextPropagator contextPropagator) {
      this.contextPropagator = Objects.requireNonNull(contextPropagator, "contextPropagator");
      return this;
    }

    /**
     * Sets the configuration; {@link EventBusConfig#defaults()} unless set.
     *
     * @param config the bus's configuration
     * @return this builder
     * @throws NullPointerException if {@code config} is null
     */
    public Builder config(EventBusConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * Adds the processor of one mode other than {@code SYNC}, which the engine runs itself.
     *
     * @param processor the processor of its {@link EventProcessor#mode()}
     * @return this builder
     * @throws NullPointerException if {@code processor} is null
     * @throws IllegalArgumentException if the mode is {@code SYNC} or already has a processor
     */
    public Builder processor(EventProcessor processor) {
      Objects.requireNonNull(processor, "processor");
      if (processor.mode() == ProcessingMode.SYNC) {
        throw new IllegalArgumentException("SYNC is run by the engine itself: " + processor);
      }
      EventProcessor previous = processors.putIfAbsent(processor.mode(), processor);
      if (previous != null) {
        throw new IllegalArgumentException(
            "a processor for mode " + processor.mode() + " was already added: " + previous);
      }
      return this;
    }

    /**
     * Adds a bus-wide filter; filters run in the order added, before subscription filters.
     *
     * @param filter the filter
     * @return this builder
     * @throws NullPointerException if {@code filter} is null
     */
    public Builder filter(EventFilter filter) {
      filters.add(Objects.requireNonNull(filter, "filter"));
      return this;
    }

    /**
     * Where final handler failures are reported; the default logs them at WARNING.
     *
     * @param exceptionHandler where final handler failures go
     * @return this builder
     * @throws NullPointerException if {@code exceptionHandler} is null
     */
    public Builder exceptionHandler(EventExceptionHandler exceptionHandler) {
      this.exceptionHandler = Objects.requireNonNull(exceptionHandler, "exceptionHandler");
      return this;
    }

    /**
     * Where final failures go instead of the bus's in-memory dead-letter queue.
     *
     * @param deadLetterHandler where final failures go
     * @return this builder
     * @throws NullPointerException if {@code deadLetterHandler} is null
     */
    public Builder deadLetterHandler(DeadLetterHandler deadLetterHandler) {
      this.deadLetterHandler = Objects.requireNonNull(deadLetterHandler, "deadLetterHandler");
      return this;
    }

    /**
     * Told of every dropped delivery; the default logs each at WARNING.
     *
     * @param dropListener told of every dropped delivery
     * @return this builder
     * @throws NullPointerException if {@code dropListener} is null
     */
    public Builder dropListener(DropListener dropListener) {
      this.dropListener = Objects.requireNonNull(dropListener, "dropListener");
      return this;
    }

    /**
     * The clock that stamps failures and stored events.
     *
     * @param clock the clock
     * @return this builder
     * @throws NullPointerException if {@code clock} is null
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * What waits between synchronous retry attempts; tests pass a virtual one.
     *
     * @param sleeper what waits between attempts
     * @return this builder
     * @throws NullPointerException if {@code sleeper} is null
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Makes the bus durable: its journal is opened when the bus is built.
     *
     * @param journal opens the bus's journal
     * @return this builder
     * @throws NullPointerException if {@code journal} is null
     */
    public Builder journal(Journal.Opener journal) {
      this.journal = Objects.requireNonNull(journal, "journal");
      return this;
    }

    /**
     * Whether {@link #build()} starts the bus (default) or leaves it {@code NEW}.
     *
     * @param autoStart {@code false} to leave the bus {@code NEW}
     * @return this builder
     */
    public Builder autoStart(boolean autoStart) {
      this.autoStart = autoStart;
      return this;
    }

    /**
     * Builds the bus.
     *
     * @return the bus, running unless {@link #autoStart(boolean)} was given {@code false}
     * @throws IllegalStateException if no processor runs the configured default mode
     */
    public EventBusCore build() {
      if (config.defaultMode() != ProcessingMode.SYNC
          && !processors.containsKey(config.defaultMode())) {
        throw new IllegalStateException(
            "defaultMode "
                + config.defaultMode()
                + " has no processor (the bus runs SYNC"
                + (processors.isEmpty() ? "" : " and " + processors.keySet())
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
