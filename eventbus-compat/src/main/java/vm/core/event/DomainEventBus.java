package vm.core.event;

import dev.eventbus.api.EventBusException;
import dev.eventbus.api.EventBusStoppedException;
import dev.eventbus.api.HandlerFailure;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.SubscriptionId;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.UnknownSubscriptionException;
import dev.eventbus.core.internal.inspect.SubscriptionCounts;
import dev.eventbus.processors.EventBusFactory;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The legacy synchronous event bus, as a thin adapter over a {@link UnifiedEventBus}. Part of the
 * compat surface (see the {@linkplain vm.core.event package description}); new code uses the
 * unified bus directly, and {@link #unifiedBus()} lets code being migrated reach it.
 *
 * <h2>Delivery</h2>
 *
 * {@link #publish(DomainEvent)} runs every matching handler on the caller's thread, higher {@link
 * EventHandler#priority()} first and equal priorities in subscription order, and runs all of them
 * even if some fail; then it throws one {@link VmException} if any failed. Each legacy subscription
 * is made on the unified bus in {@link ProcessingMode#SYNC} mode with no retries, whatever that
 * bus's defaults are, so legacy handlers keep the legacy contract on any bus.
 *
 * <h2>Matching</h2>
 *
 * A handler subscribed to a type name receives the events whose {@link DomainEvent#eventType()}
 * equals it; one subscribed to {@code "*"} receives every type. Legacy handlers receive only {@link
 * DomainEvent vm.core.event.DomainEvent}s: on a bus shared with native code, any other event (a
 * native {@link dev.eventbus.api.DomainEvent} of a matching type name, or any object published
 * natively to a {@code "*"} subscriber) is skipped for them, and the unified bus counts it as
 * filtered for that subscription. Wrapping such events instead would hand legacy handlers objects
 * of a class they never expect, which their casts would turn into failures.
 *
 * <h2>Sharing a bus</h2>
 *
 * Several adapters, and native code, may use one {@link UnifiedEventBus}: they see each other's
 * events, and {@link #subscriberCount(String)} counts every subscription to the type name on it.
 * Each adapter can {@linkplain #unsubscribe(EventSubscriptionId) remove} only the subscriptions
 * made through it. A {@code publish} through this adapter reports every synchronous handler of the
 * unified bus that failed on the event, native ones included, since they ran as part of that
 * publish; handlers the unified bus runs asynchronously are not waited for.
 *
 * <h2>Threads</h2>
 *
 * Every method may be called from any thread at any time, including from inside a handler.
 *
 * @since 0.1
 */
public class DomainEventBus {

  private static final AtomicLong LAST_ID = new AtomicLong();

  private final UnifiedEventBus bus;
  private final ConcurrentMap<EventSubscriptionId, LegacySubscription> subscriptions =
      new ConcurrentHashMap<>();

  /**
   * A bus of its own: a new, running unified bus with the default configuration. Its exception
   * handler does nothing, since every failure reaches the publisher as a {@link VmException}, as
   * legacy callers expect; logging it too would report each failure twice.
   */
  public DomainEventBus() {
    this(EventBusFactory.builder().exceptionHandler(failure -> {}).build());
  }

  /**
   * An adapter over {@code bus}, so that legacy and native code share one bus. The adapter does not
   * own the bus: closing it is left to whoever made it.
   *
   * @param bus the unified bus to deliver through; not owned by the adapter
   * @throws NullPointerException if {@code bus} is null
   */
  public DomainEventBus(UnifiedEventBus bus) {
    this.bus = Objects.requireNonNull(bus, "bus");
  }

  /**
   * The old process-wide bus, created on first use (thread-safely) over a unified bus of its own,
   * which is never stopped.
   *
   * @return the process-wide bus, the same instance on every call
   * @deprecated a process-wide bus hides who publishes to whom and leaks subscriptions between
   *     tests. Create one bus where the application is wired and pass it to the code that needs it
   *     ({@link #DomainEventBus(UnifiedEventBus)}), as constructor injection does.
   */
  @Deprecated(since = "0.1")
  public static DomainEventBus getInstance() {
    return Holder.INSTANCE;
  }

  /** {@return the unified bus this adapter delivers through, for code moving to the native API} */
  public UnifiedEventBus unifiedBus() {
    return bus;
  }

  /**
   * Registers the subscriber methods of {@code listener} on the unified bus this adapter delivers
   * through: those with the native {@link dev.eventbus.api.Subscribe} and those with the
   * Guava-compatible {@code dev.eventbus.compat.guava.Subscribe} (once, if a method has both), so
   * that code moved to the native API receives what legacy code publishes here, and failures reach
   * the publisher as a {@link VmException} like a legacy handler's.
   *
   * @param listener an object with subscriber methods
   * @return the subscription to close to stop delivery
   * @throws NullPointerException if {@code listener} is null
   * @throws IllegalArgumentException if it has no subscriber method, or one is malformed
   * @throws EventBusStoppedException if the unified bus is stopping or stopped
   */
  public Subscription register(Object listener) {
    return bus.register(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Delivers {@code event} to every matching handler on the caller's thread, in priority order,
   * running all of them even if some throw (exceptions and {@link Error}s alike).
   *
   * @param event the event to deliver
   * @throws NullPointerException if {@code event} is null: a programming error, not a bus problem
   * @throws VmException if handlers failed: its message names each failed handler and what it
   *     threw, its cause is the first failure as thrown (a handler's own {@code VmException}
   *     included) and the other failures are suppressed, in delivery order. Also thrown, with the
   *     unified bus's exception as cause, if the bus refused the event, for example an {@link
   *     EventBusStoppedException} when it is stopped
   */
  public void publish(DomainEvent event) throws VmException {
    Objects.requireNonNull(event, "event");
    PublishResult result;
    try {
      result = bus.publish(event);
    } catch (EventBusException refused) {
      throw new VmException(
          "could not publish '" + event.eventType() + "': " + refused.getMessage(), refused);
    }
    if (!result.failures().isEmpty()) {
      throw handlersFailed(event, result.failures());
    }
  }

  /**
   * Subscribes {@code handler} to events of type {@code eventType}, or to every event if it is
   * {@code "*"}.
   *
   * @param eventType the type name delivered, or {@code "*"} for every event
   * @param handler receives each matching event
   * @return the id to {@linkplain #unsubscribe(EventSubscriptionId) unsubscribe} with
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code eventType} is blank
   * @throws EventBusStoppedException if the unified bus is stopping or stopped
   */
  public EventSubscriptionId subscribe(String eventType, EventHandler handler) {
    Objects.requireNonNull(handler, "handler");
    return subscribe(eventType, handler, event -> true);
  }

  /**
   * Subscribes {@code handler} to the events of type {@code eventType} (every event if it is {@code
   * "*"}) that {@code filter} accepts.
   *
   * @param eventType the type name delivered, or {@code "*"} for every event
   * @param handler receives each matching event that {@code filter} accepts
   * @param filter decides which events of that type reach the handler
   * @return the id to {@linkplain #unsubscribe(EventSubscriptionId) unsubscribe} with
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code eventType} is blank
   * @throws EventBusStoppedException if the unified bus is stopping or stopped
   */
  public EventSubscriptionId subscribe(String eventType, EventHandler handler, EventFilter filter) {
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(filter, "filter");
    String name = nameOf(handler);
    SubscriptionOptions options =
        SubscriptionOptions.builder()
            .mode(ProcessingMode.SYNC)
            .retryPolicy(RetryPolicy.none())
            .priority(handler.priority())
            .name(name)
            .filter(event -> event instanceof DomainEvent legacy && filter.accept(legacy))
            .build();
    Subscription subscription =
        bus.subscribe(eventType, new LegacyHandlerAdapter(handler, name), options);
    EventSubscriptionId id = new EventSubscriptionId(LAST_ID.incrementAndGet());
    subscriptions.put(id, new LegacySubscription(eventType, subscription, handler, filter));
    return id;
  }

  /**
   * Removes a subscription made through this bus. Once it returns, the handler is not called for
   * events whose delivery has not started; a call already running on another thread finishes.
   *
   * @param id the id {@code subscribe} returned
   * @throws NullPointerException if {@code id} is null
   * @throws VmException if this bus holds no such subscription: never made through it, already
   *     unsubscribed, or removed directly from the unified bus
   */
  public void unsubscribe(EventSubscriptionId id) throws VmException {
    Objects.requireNonNull(id, "id");
    LegacySubscription removed = subscriptions.remove(id);
    if (removed == null) {
      throw new VmException("no active subscription " + id + " on this bus");
    }
    try {
      bus.unsubscribe(removed.subscription().id());
    } catch (UnknownSubscriptionException gone) {
      throw new VmException(
          "subscription " + id + " was already removed from the unified bus", gone);
    }
  }

  /**
   * The number of live subscriptions to exactly {@code eventType} on the unified bus this adapter
   * delivers through, whoever made them: through this adapter, through another adapter over the
   * same bus, or natively by type name (for example through {@link
   * dev.eventbus.compat.bridge.LegacyBridges#fromDomainEventBus(DomainEventBus)}), since they are
   * one shared set. {@code "*"} counts only the subscriptions to {@code "*"}. Native subscriptions
   * by class are not counted: a type name names no class. Over a {@link UnifiedEventBus} this
   * library did not build (a decorator, a test double), whose subscriptions cannot be read, only
   * the subscriptions made through this adapter are counted. Read while other threads subscribe, it
   * may or may not include their changes.
   *
   * @param eventType the exact type name, or {@code "*"}
   * @return the number of subscriptions, 0 or more
   * @throws NullPointerException if {@code eventType} is null
   */
  public int subscriberCount(String eventType) {
    Objects.requireNonNull(eventType, "eventType");
    OptionalInt shared = SubscriptionCounts.toTypeName(bus, eventType);
    if (shared.isPresent()) {
      return shared.getAsInt();
    }
    int count = 0;
    for (LegacySubscription each : subscriptions.values()) {
      if (each.eventType().equals(eventType) && each.subscription().isActive()) {
        count++;
      }
    }
    return count;
  }

  @Override
  public String toString() {
    return "DomainEventBus{subscriptions=" + subscriptions.size() + ", bus=" + bus + '}';
  }

  private static String nameOf(EventHandler handler) {
    String name = handler.name();
    // Legacy handlers were free to leave their name blank; the unified bus is not.
    return name == null || name.isBlank() ? handler.getClass().getName() : name;
  }

  private static VmException handlersFailed(DomainEvent event, List<HandlerFailure> failures) {
    StringBuilder message =
        new StringBuilder()
            .append(failures.size())
            .append(" handler(s) failed on '")
            .append(event.eventType())
            .append("': ");
    String separator = "";
    for (HandlerFailure failure : failures) {
      message
          .append(separator)
          .append('\'')
          .append(failure.subscriptionName())
          .append("' (")
          .append(failure.cause())
          .append(')');
      separator = "; ";
    }
    VmException exception = new VmException(message.toString(), failures.get(0).cause());
    for (int i = 1; i < failures.size(); i++) {
      exception.addSuppressed(failures.get(i).cause());
    }
    return exception;
  }

  /**
   * Runs one legacy subscription made through this adapter on {@code event} again, on the caller's
   * thread, bypassing the unified bus: the retry hook of {@link AsyncEventBus}, which must re-run
   * only the handler that failed. The subscription's filter is asked again first.
   *
   * @param unifiedId the unified bus's id of the subscription, as a {@link HandlerFailure} names it
   * @return what happened, unless the filter or the handler threw
   * @throws VmException if the handler threw it; unchecked exceptions and errors from the filter or
   *     the handler propagate as they are
   */
  Redelivery redeliver(SubscriptionId unifiedId, DomainEvent event) throws VmException {
    for (LegacySubscription each : subscriptions.values()) {
      if (each.subscription().id().equals(unifiedId)) {
        if (!each.subscription().isActive()) {
          return Redelivery.NOT_SUBSCRIBED;
        }
        if (!each.filter().accept(event)) {
          return Redelivery.FILTERED;
        }
        each.handler().handle(event);
        return Redelivery.DELIVERED;
      }
    }
    return Redelivery.NOT_SUBSCRIBED;
  }

  /** The outcome of {@link #redeliver(SubscriptionId, DomainEvent)} when nothing threw. */
  enum Redelivery {
    /** The handler ran and returned normally. */
    DELIVERED,
    /** The subscription's filter no longer accepts the event; the handler did not run. */
    FILTERED,
    /**
     * No live legacy subscription of this adapter has that id: it was unsubscribed, or it is a
     * native subscription or one made through another adapter. Nothing ran.
     */
    NOT_SUBSCRIBED
  }

  /** What this adapter remembers of one subscription made through it. */
  private record LegacySubscription(
      String eventType, Subscription subscription, EventHandler handler, EventFilter filter) {}

  /**
   * A legacy handler seen as a native one. Its subscription's filter lets only legacy events
   * through, so the cast cannot fail.
   */
  private static final class LegacyHandlerAdapter implements dev.eventbus.api.EventHandler<Object> {

    private final EventHandler legacy;
    private final String name;

    LegacyHandlerAdapter(EventHandler legacy, String name) {
      this.legacy = legacy;
      this.name = name;
    }

    @Override
    public void handle(Object event) throws VmException {
      legacy.handle((DomainEvent) event);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public boolean supportsAsync() {
      return false;
    }

    @Override
    public String toString() {
      return "legacy handler '" + name + "'";
    }
  }

  private static final class Holder {
    static final DomainEventBus INSTANCE = new DomainEventBus();
  }
}
