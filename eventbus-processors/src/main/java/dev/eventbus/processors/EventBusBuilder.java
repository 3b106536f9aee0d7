package dev.eventbus.processors;

import dev.eventbus.api.DeadLetterQueue;
import dev.eventbus.api.DropListener;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.EventExceptionHandler;
import dev.eventbus.api.EventFilter;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.ContextPropagator;
import dev.eventbus.api.spi.DeadLetterHandler;
import dev.eventbus.core.internal.EventBusCore;
import dev.eventbus.core.spi.EventProcessor;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.durable.internal.DurableJournal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;

/**
 * Builds a {@link UnifiedEventBus} from everything a user sets: its configuration, bus-wide
 * filters, where failures and drops go, its clock, its storage and what its asynchronous modes run
 * on. Get one from {@link EventBusFactory#builder()}.
 *
 * <pre>{@code
 * UnifiedEventBus bus =
 *     EventBusFactory.builder()
 *         .config(EventBusConfig.builder().defaultMode(ProcessingMode.ASYNC).build())
 *         .filter(event -> !(event instanceof Heartbeat))
 *         .exceptionHandler(failure -> log.warn("{}", failure, failure.cause()))
 *         .build();
 * }</pre>
 *
 * <p>Every setting may be set once: setting it again throws {@link IllegalStateException} naming
 * the setting and the value it already has. {@link #filter} adds a filter each time. Every setting
 * has a default, so {@code EventBusFactory.builder().build()} is a complete bus. Not thread-safe;
 * each {@link #build()} makes a new, independent bus.
 *
 * @since 0.1
 */
public final class EventBusBuilder {

  private @Nullable EventBusConfig config;
  private final List<EventFilter> filters = new ArrayList<>();
  private @Nullable EventExceptionHandler exceptionHandler;
  private @Nullable DeadLetterHandler deadLetterHandler;
  private @Nullable DropListener dropListener;
  private @Nullable Clock clock;
  private @Nullable DurableStorage storage;
  private @Nullable Scheduler scheduler;
  private @Nullable Set<ProcessingMode> modes;
  private @Nullable Boolean autoStart;
  private @Nullable ContextPropagator contextPropagator;
  // Test seam, set only by this package's tests.
  private final Map<ProcessingMode, EventProcessor> processors =
      new EnumMap<>(ProcessingMode.class);

  EventBusBuilder() {}

  /**
   * The bus's configuration; {@link EventBusConfig#defaults()} if not set.
   *
   * @param config the configuration
   * @return this builder
   * @throws IllegalStateException if it was set before
   */
  public EventBusBuilder config(EventBusConfig config) {
    this.config = setOnce("config", this.config, config);
    return this;
  }

  /**
   * Adds a bus-wide filter: an event it rejects reaches no subscription (each counts it as
   * filtered). Filters run in the order added, before each subscription's own filter; one that
   * throws fails the event's deliveries, which are reported like a handler's failures.
   *
   * @param filter the filter to add
   * @return this builder
   */
  public EventBusBuilder filter(EventFilter filter) {
    filters.add(Objects.requireNonNull(filter, "filter"));
    return this;
  }

  /**
   * Where every final handler failure is reported; by default it is logged at WARNING through
   * {@link System.Logger}.
   *
   * @param exceptionHandler where final failures are reported
   * @return this builder
   * @throws IllegalStateException if it was set before
   */
  public EventBusBuilder exceptionHandler(EventExceptionHandler exceptionHandler) {
    this.exceptionHandler = setOnce("exceptionHandler", this.exceptionHandler, exceptionHandler);
    return this;
  }

  /**
   * Where final failures go after being reported, instead of the bus's {@link DeadLetterQueue}
   * (which {@link UnifiedEventBus#deadLetters()} then does not offer). With {@link #storage}, final
   * failures of tracked deliveries are stored as dead letters all the same.
   *
   * @param deadLetterHandler where final failures go
   * @return this builder
   * @throws IllegalStateException if it was set before
   */
  public EventBusBuilder deadLetterHandler(DeadLetterHandler deadLetterHandler) {
    this.deadLetterHandler =
        setOnce("deadLetterHandler", this.deadLetterHandler, deadLetterHandler);
    return this;
  }

  /**
   * Told of every delivery an overflow policy or a stop dropped; by default each is logged at
   * WARNING.
   *
   * @param dropListener told of every dropped delivery
   * @return this builder
   * @throws IllegalStateException if it was set before
   */
  public EventBusBuilder dropListener(DropListener dropListener) {
    this.dropListener = setOnce("dropListener", this.dropListener, dropListener);
    return this;
  }

  /**
   * The clock that stamps failures and stored events; {@link Clock#systemUTC()} if not set.
   *
   * @param clock the clock
   * @return this builder
   * @throws IllegalStateException if it was set before
   */
  public EventBusBuilder clock(Clock clock) {
    this.clock = setOnce("clock", this.clock, clock);
    return this;
  }

  /**
   * Makes the bus durable: every event is stored before {@code publish} returns, and deliveries to
   * asynchronous subscriptions (every mode but {@code SYNC}) are tracked and made again after a
   * restart until they complete (at least once). Such subscriptions need stable, unique names (see
   * {@link dev.eventbus.api.SubscriptionOptions#name()}). Their final failures are stored as dead
   * letters, which {@link UnifiedEventBus#deadLetters()} lists, replays and purges. The tunables
   * come from {@link EventBusConfig#storage()}. The bus does not close the store.
   *
   * @param storage the store, codec and upcasters to keep events in
   * @return this builder
   * @throws IllegalStateException if it was set before
   */
  public EventBusBuilder storage(DurableStorage storage) {
    this.storage = setOnce("storage", this.storage, storage);
    return this;
  }

  /**
   * The Reactor scheduler whose workers run the {@code ASYNC}, {@code BATCH} and {@code ADAPTIVE}
   * lanes. The caller owns it: the bus does not dispose it. By default each of those modes makes a
   * parallel scheduler of its own when the bus starts (one thread per shard for {@code ASYNC}, one
   * per processor for the others) and disposes it when the bus stops. Order-free {@code ASYNC}
   * subscriptions then run on a bounded elastic scheduler of their own.
   *
   * @param scheduler the scheduler, owned by the caller
   * @return this builder
   * @throws IllegalStateException if it was set before
   */
  public EventBusBuilder scheduler(Scheduler scheduler) {
    this.scheduler = setOnce("scheduler", this.scheduler, scheduler);
    return this;
  }

  /**
   * The processing modes the bus runs; {@code SYNC} always, whether named or not. By default all
   * four. A mode left out makes no threads and refuses subscriptions, so a bus of {@code SYNC}
   * alone starts no thread at all.
   *
   * @param modes the modes to run besides {@code SYNC}
   * @return this builder
   * @throws IllegalStateException if it was set before
   */
  public EventBusBuilder modes(ProcessingMode... modes) {
    Set<ProcessingMode> chosen = EnumSet.of(ProcessingMode.SYNC);
    chosen.addAll(Arrays.asList(Objects.requireNonNull(modes, "modes")));
    this.modes = setOnce("modes", this.modes, chosen);
    return this;
  }

  /**
   * Whether {@link #build()} starts the bus (the default) or leaves it {@code NEW} until {@link
   * UnifiedEventBus#start()}.
   *
   * @param autoStart whether {@link #build()} starts the bus
   * @return this builder
   * @throws IllegalStateException if it was set before
   */
  public EventBusBuilder autoStart(boolean autoStart) {
    this.autoStart = setOnce("autoStart", this.autoStart, autoStart);
    return this;
  }

  /**
   * Carries each publisher's context (trace and span, logging MDC: whatever the propagator knows)
   * to the handlers of its event on every mode: captured when the event is published, restored
   * around each handler call on the thread that runs it. With {@link #storage}, the publisher's
   * trace is stored with the event as a W3C {@code traceparent} header, so that a redelivery after
   * a restart continues it. None by default: a bus without one keeps nothing per event. {@code
   * eventbus-tracing} has one on OpenTelemetry.
   *
   * @param contextPropagator captures and restores the publisher's context
   * @return this builder
   * @throws IllegalStateException if it was set before
   */
  public EventBusBuilder contextPropagator(ContextPropagator contextPropagator) {
    this.contextPropagator =
        setOnce("contextPropagator", this.contextPropagator, contextPropagator);
    return this;
  }

  /** For tests: a processor to use for its mode instead of the standard one. */
  EventBusBuilder processor(EventProcessor processor) {
    ProcessingMode mode = processor.mode();
    setOnce("processor for " + mode, processors.get(mode), processor);
    processors.put(mode, processor);
    return this;
  }

  /**
   * Builds the bus, started unless {@link #autoStart} said otherwise.
   *
   * @return the new bus
   * @throws IllegalStateException if the configuration's default mode is not one of {@link #modes},
   *     or if a mode besides SYNC needs Project Reactor and it is not on the class path
   */
  public UnifiedEventBus build() {
    EventBusConfig config = this.config != null ? this.config : EventBusConfig.defaults();
    Set<ProcessingMode> modes =
        this.modes != null ? this.modes : EnumSet.allOf(ProcessingMode.class);
    if (!modes.contains(config.defaultMode())) {
      throw new IllegalStateException(
          "config.defaultMode is "
              + config.defaultMode()
              + " but the bus runs only "
              + modes
              + ": add it to modes(...)");
    }
    EventBusCore.Builder engine = EventBusCore.builder().config(config);
    for (ProcessingMode mode : modes) {
      if (mode != ProcessingMode.SYNC) {
        EventProcessor replacement = processors.get(mode);
        engine.processor(replacement != null ? replacement : standardProcessor(mode));
      }
    }
    filters.forEach(engine::filter);
    if (exceptionHandler != null) {
      engine.exceptionHandler(exceptionHandler);
    }
    if (deadLetterHandler != null) {
      engine.deadLetterHandler(deadLetterHandler);
    }
    if (dropListener != null) {
      engine.dropListener(dropListener);
    }
    if (clock != null) {
      engine.clock(clock);
    }
    if (contextPropagator != null) {
      engine.contextPropagator(contextPropagator);
    }
    if (storage != null) {
      engine.journal(DurableJournal.opener(storage, contextPropagator));
    }
    if (autoStart != null) {
      engine.autoStart(autoStart);
    }
    return engine.build();
  }

  private EventProcessor standardProcessor(ProcessingMode mode) {
    requireReactor(mode);
    return switch (mode) {
      case ASYNC -> new AsyncProcessor(scheduler);
      case BATCH -> new BatchProcessor(scheduler);
      case ADAPTIVE -> new AdaptiveProcessor(scheduler, System::nanoTime);
      case SYNC -> throw new IllegalArgumentException("SYNC is run by the engine itself");
    };
  }

  /**
   * Fails, naming what to do, if Project Reactor is not there: an application that wants SYNC only
   * may leave it out of its class path, and then must say so with {@link #modes}.
   */
  private static void requireReactor(ProcessingMode mode) {
    try {
      Class.forName(
          "reactor.core.scheduler.Schedulers", false, EventBusBuilder.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException(
          mode
              + " runs on Project Reactor, which is not on the class path: add"
              + " io.projectreactor:reactor-core (eventbus-processors brings it unless excluded),"
              + " or build a SYNC-only bus with modes(ProcessingMode.SYNC)",
          e);
    }
  }

  private static <T> T setOnce(String setting, @Nullable T earlier, T value) {
    Objects.requireNonNull(value, setting);
    if (earlier != null) {
      throw new IllegalStateException(setting + " was already set to " + earlier);
    }
    return value;
  }

  @Override
  public String toString() {
    return "EventBusBuilder{config="
        + config
        + ", filters="
        + filters.size()
        + ", storage="
        + storage
        + ", modes="
        + modes
        + '}';
  }
}
