package dev.eventbus.compat.guava;

import dev.eventbus.api.HandlerFailure;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.core.internal.annotation.AnnotatedListeners;
import dev.eventbus.core.internal.annotation.SubscriberMethod;
import dev.eventbus.core.internal.annotation.SubscriberMethodScanner;
import dev.eventbus.processors.EventBusFactory;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Guava's synchronous event bus, backed by a {@link UnifiedEventBus}: objects {@linkplain
 * #register(Object) register} their {@link Subscribe} methods, and each {@linkplain #post(Object)
 * posted} event goes to every method whose parameter type the event is an instance of (its class,
 * superclasses and interfaces alike).
 *
 * <h2>The engine</h2>
 *
 * The constructors without a {@link UnifiedEventBus} make one of the bus's own. Those that take one
 * deliver through it instead, so that Guava-style, legacy ({@code vm.core.event}) and native code
 * share one engine: Guava subscribers receive matching events published natively or by legacy code,
 * and events posted here reach the native and legacy subscribers that match them (legacy handlers
 * receive only legacy events). Several Guava buses over one engine see each other's events too. The
 * Guava bus does not own a bus it is given: stopping it is left to whoever made it, and once it is
 * stopped {@link #post(Object)} throws its {@link dev.eventbus.api.EventBusStoppedException}.
 *
 * <h2>Native subscribers</h2>
 *
 * A half-migrated code base still delivers every event: {@link #register(Object)} also registers
 * the methods that carry only the native {@link dev.eventbus.api.Subscribe}, as Guava subscribers
 * that allow concurrent events (by parameter type, on the posting thread, failures to this bus's
 * {@link SubscriberExceptionHandler}; the native annotation's mode, priority, filter and event type
 * are not applied). A method with both annotations is registered once, as a Guava subscriber. The
 * other way round, a native bus's {@code register} subscribes the methods with this package's
 * {@link Subscribe}.
 *
 * <h2>Order</h2>
 *
 * Subscribers run on the posting thread. An event posted from inside a subscriber is queued for
 * that thread and delivered once every subscriber of the current event has run, so each thread sees
 * events breadth first, in the order they were posted. (Events published natively on a shared
 * engine from inside a subscriber follow the unified bus's depth-first order instead.)
 *
 * <h2>Failures</h2>
 *
 * What a subscriber throws goes to the bus's {@link SubscriberExceptionHandler} (by default, one
 * that logs it), never to the poster, and does not stop delivery to other subscribers. Each Guava
 * subscriber catches its own method's exceptions and reports them with their full {@link
 * SubscriberExceptionContext} itself, so they never reach the unified bus as failures: its
 * exception handler, retries, statistics and dead-letter handling never see them, and the bus need
 * not be configured in any particular way.
 *
 * <h2>Dead events</h2>
 *
 * An event that no subscriber handles is posted again wrapped in a {@link DeadEvent}, unless it is
 * one already. On a shared engine that means no subscriber of the whole engine, Guava, legacy or
 * native, of any Guava bus: an event is dead when no subscription matches it or every matching one
 * filters it out (as legacy subscriptions do with events that are not legacy events). The {@link
 * DeadEvent} itself is published on the engine, so native subscribers to {@link Object} or {@code
 * "*"} receive it as well.
 *
 * <p>Thread-safe. Subscriber methods without {@link AllowConcurrentEvents} are called for one event
 * at a time per registered object.
 *
 * @since 0.1
 */
public class EventBus {

  private static final System.Logger LOG = System.getLogger(EventBus.class.getName());

  /** The adapter and the native path share one scanner implementation. */
  private static final SubscriberMethodScanner<Subscribe> SCANNER =
      SubscriberMethodScanner.of(Subscribe.class);

  private static final String DEFAULT_IDENTIFIER = "default";

  private final String identifier;
  private final @Nullable Executor executor;
  private final SubscriberExceptionHandler exceptionHandler;
  private final UnifiedEventBus bus;
  private final Map<Object, List<Subscription>> registrations = new IdentityHashMap<>();
  private final ThreadLocal<ArrayDeque<Object>> queue = ThreadLocal.withInitial(ArrayDeque::new);
  private final ThreadLocal<Boolean> dispatching = ThreadLocal.withInitial(() -> Boolean.FALSE);

  /** A bus named {@code "default"} that logs subscriber exceptions. */
  public EventBus() {
    this(DEFAULT_IDENTIFIER);
  }

  /**
   * A bus that logs subscriber exceptions.
   *
   * @param identifier the bus's name, for logs and {@link #toString()}
   * @throws NullPointerException if {@code identifier} is null
   */
  public EventBus(String identifier) {
    this(identifier, null, LoggingHandler.INSTANCE, null);
  }

  /**
   * A bus named {@code "default"}.
   *
   * @param exceptionHandler where subscriber exceptions go
   * @throws NullPointerException if {@code exceptionHandler} is null
   */
  public EventBus(SubscriberExceptionHandler exceptionHandler) {
    this(DEFAULT_IDENTIFIER, null, exceptionHandler, null);
  }

  /**
   * A bus named {@code "default"} over {@code bus}, that logs subscriber exceptions.
   *
   * @param bus the engine to deliver through; not owned by this bus
   * @throws NullPointerException if {@code bus} is null
   */
  public EventBus(UnifiedEventBus bus) {
    this(DEFAULT_IDENTIFIER, bus, LoggingHandler.INSTANCE);
  }

  /**
   * A bus over {@code bus}, that logs subscriber exceptions.
   *
   * @param identifier the bus's name, for logs and {@link #toString()}
   * @param bus the engine to deliver through; not owned by this bus
   * @throws NullPointerException if an argument is null
   */
  public EventBus(String identifier, UnifiedEventBus bus) {
    this(identifier, bus, LoggingHandler.INSTANCE);
  }

  /**
   * A bus over {@code bus}.
   *
   * @param identifier the bus's name, for logs and {@link #toString()}
   * @param bus the engine to deliver through; not owned by this bus
   * @param exceptionHandler where subscriber exceptions go
   * @throws NullPointerException if an argument is null
   */
  public EventBus(
      String identifier, UnifiedEventBus bus, SubscriberExceptionHandler exceptionHandler) {
    this(identifier, null, exceptionHandler, Objects.requireNonNull(bus, "bus"));
  }

  /**
   * The constructor every other one ends in.
   *
   * @param executor where subscriber methods run, or {@code null} for the posting thread with
   *     per-thread breadth-first ordering
   * @param bus the engine to deliver through, or {@code null} for a new one of this bus's own
   */
  EventBus(
      String identifier,
      @Nullable Executor executor,
      SubscriberExceptionHandler exceptionHandler,
      @Nullable UnifiedEventBus bus) {
    this.identifier = Objects.requireNonNull(identifier, "identifier");
    this.executor = executor;
    this.exceptionHandler = Objects.requireNonNull(exceptionHandler, "exceptionHandler");
    this.bus = bus != null ? bus : ownBus();
  }

  /**
   * A new running bus for this Guava bus alone. Guava subscribers report their own failures, so any
   * failure the unified bus sees did not come from one: it is logged.
   */
  private static UnifiedEventBus ownBus() {
    return EventBusFactory.builder()
        .modes(ProcessingMode.SYNC)
        .exceptionHandler(EventBus::unexpectedFailure)
        // Guava keeps nothing of a failed delivery.
        .deadLetterHandler(deadLetter -> {})
        .build();
  }

  /** {@return the name given at construction, {@code "default"} if none was} */
  public final String identifier() {
    return identifier;
  }

  /**
   * {@return the unified bus this bus delivers through: the one given at construction, or the one
   * it made for itself}
   */
  public final UnifiedEventBus unifiedBus() {
    return bus;
  }

  /**
   * Registers every {@link Subscribe} method of {@code object}, including those it inherits, and
   * every method with only the native {@link dev.eventbus.api.Subscribe} (see above). An object
   * already registered is left as it is; one without subscriber methods is ignored.
   *
   * @param object the object whose subscriber methods to register
   * @throws NullPointerException if {@code object} is null
   * @throws IllegalArgumentException if a subscriber method does not take exactly one parameter of
   *     a reference type, or is static
   */
  public void register(Object object) {
    Objects.requireNonNull(object, "object");
    List<SubscriberMethod<Subscribe>> methods = SCANNER.scan(object.getClass());
    List<SubscriberMethod<dev.eventbus.api.Subscribe>> natives = nativeOnly(object.getClass());
    if (methods.isEmpty() && natives.isEmpty()) {
      return;
    }
    synchronized (registrations) {
      if (registrations.containsKey(object)) {
        return;
      }
      List<Subscription> made = new ArrayList<>(methods.size() + natives.size());
      try {
        for (SubscriberMethod<Subscribe> method : methods) {
          made.add(
              subscribe(
                  method,
                  object,
                  method.method().isAnnotationPresent(AllowConcurrentEvents.class)));
        }
        for (SubscriberMethod<dev.eventbus.api.Subscribe> method : natives) {
          made.add(subscribe(method, object, true)); // native subscribers are not serialised
        }
      } catch (RuntimeException | Error failed) {
        made.forEach(Subscription::close);
        throw failed;
      }
      registrations.put(object, made);
    }
  }

  /**
   * Unregisters every subscriber method of {@code object}. Events already being delivered may still
   * reach it.
   *
   * @param object a registered object
   * @throws NullPointerException if {@code object} is null
   * @throws IllegalArgumentException if {@code object} has subscriber methods but is not registered
   */
  public void unregister(Object object) {
    Objects.requireNonNull(object, "object");
    List<Subscription> removed;
    synchronized (registrations) {
      removed = registrations.remove(object);
    }
    if (removed == null) {
      if (SCANNER.scan(object.getClass()).isEmpty() && nativeOnly(object.getClass()).isEmpty()) {
        return;
      }
      throw new IllegalArgumentException(
          "missing event subscriber for an annotated method: "
              + object
              + " is not registered with "
              + this);
    }
    removed.forEach(Subscription::close);
  }

  /**
   * Posts {@code event} to every subscriber whose parameter type it is an instance of (on a shared
   * engine, to every native and legacy subscriber that matches it too), or as a {@link DeadEvent}
   * if none handles it. Returns after the subscribers have run, unless this call was made from
   * inside a subscriber: then the event is queued and delivered after the current one.
   *
   * @param event the event; any object
   * @throws NullPointerException if {@code event} is null
   * @throws dev.eventbus.api.EventBusException if the unified bus refuses the event, for example
   *     because a shared engine was stopped
   */
  public void post(Object event) {
    Objects.requireNonNull(event, "event");
    if (executor != null) {
      deliver(event);
      return;
    }
    ArrayDeque<Object> pending = queue.get();
    pending.add(event);
    if (dispatching.get()) {
      return;
    }
    dispatching.set(Boolean.TRUE);
    try {
      Object next;
      while ((next = pending.poll()) != null) {
        deliver(next);
      }
    } finally {
      dispatching.remove();
      queue.remove();
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + '{' + identifier + '}';
  }

  private void deliver(Object event) {
    PublishResult result = bus.publish(event);
    // Dead when no subscription of the whole engine took it: none matched, or all filtered it out.
    boolean unhandled = result.filtered() == result.subscribers();
    if (unhandled && !(event instanceof DeadEvent)) {
      post(new DeadEvent(this, event));
    }
  }

  /**
   * The methods of {@code type} with the native {@link dev.eventbus.api.Subscribe} and not this
   * bus's: those a half-migrated code base moved to the native annotation already.
   */
  private static List<SubscriberMethod<dev.eventbus.api.Subscribe>> nativeOnly(Class<?> type) {
    List<SubscriberMethod<dev.eventbus.api.Subscribe>> natives = new ArrayList<>();
    for (SubscriberMethod<dev.eventbus.api.Subscribe> method :
        AnnotatedListeners.scanner().scan(type)) {
      if (!method.method().isAnnotationPresent(Subscribe.class)) {
        natives.add(method);
      }
    }
    return natives;
  }

  private Subscription subscribe(SubscriberMethod<?> method, Object object, boolean concurrent) {
    GuavaSubscriber handler =
        new GuavaSubscriber(this, object, method, method.bind(object), concurrent, executor);
    SubscriptionOptions options =
        SubscriptionOptions.builder()
            .mode(ProcessingMode.SYNC)
            .retryPolicy(RetryPolicy.none())
            .name(method.subscriptionName())
            .build();
    return subscribeByClass(bus, method.parameterType(), handler, options);
  }

  private static <E> Subscription subscribeByClass(
      UnifiedEventBus bus,
      Class<E> eventClass,
      GuavaSubscriber handler,
      SubscriptionOptions options) {
    return bus.subscribe(eventClass, handler, options);
  }

  /** Hands {@code exception} to this bus's handler; what the handler throws is logged. */
  void handleSubscriberException(Throwable exception, SubscriberExceptionContext context) {
    try {
      exceptionHandler.handleException(exception, context);
    } catch (RuntimeException | Error handlerFailure) {
      if (handlerFailure instanceof VirtualMachineError fatal) {
        throw fatal;
      }
      LOG.log(
          Level.ERROR,
          "SubscriberExceptionHandler of "
              + this
              + " threw while handling "
              + exception
              + " from "
              + context.getSubscriberMethod(),
          handlerFailure);
    }
  }

  /**
   * The exception handler of a unified bus this bus made: Guava subscribers never fail on it, so
   * only something else can have.
   */
  private static void unexpectedFailure(HandlerFailure failure) {
    LOG.log(Level.ERROR, "unexpected failure on the unified bus: " + failure, failure.cause());
  }

  /** The default handler: logs each exception with its context. */
  static final class LoggingHandler implements SubscriberExceptionHandler {
    static final LoggingHandler INSTANCE = new LoggingHandler();

    private LoggingHandler() {}

    @Override
    public void handleException(Throwable exception, SubscriberExceptionContext context) {
      System.getLogger(EventBus.class.getName() + '.' + context.getEventBus().identifier())
          .log(
              Level.ERROR,
              "subscriber method "
                  + context.getSubscriberMethod()
                  + " of "
                  + context.getSubscriber()
                  + " threw while handling "
                  + context.getEvent(),
              exception);
    }
  }
}
