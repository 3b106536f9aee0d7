package dev.eventbus.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * An in-process event bus: publishers hand it events, it delivers each to every matching
 * subscription in that subscription's {@link ProcessingMode}.
 *
 * <h2>Matching</h2>
 *
 * A class-typed subscription ({@link #subscribe(Class, EventHandler, SubscriptionOptions)})
 * receives every event that is an instance of its class: the class itself, subclasses and
 * implementations. A string-typed subscription ({@link #subscribe(String, EventHandler,
 * SubscriptionOptions)}) receives events whose {@linkplain DomainEvent#typeNameOf(Object) type
 * name} equals its string; the string {@code "*"} receives every event.
 *
 * <h2>Order</h2>
 *
 * Synchronous subscriptions run on the publisher's thread, higher {@linkplain
 * Subscription#priority() priority} first, equal priorities in subscription order. A subscription
 * made during a publish does not receive that event; one removed during a publish does not receive
 * it either, if its turn has not come. Asynchronous and batch subscriptions receive events with the
 * same partition key in publish order.
 *
 * <h2>Failures</h2>
 *
 * A handler's failure never reaches the publisher as an exception and never stops delivery to other
 * handlers: it is retried per the subscription's {@link RetryPolicy}, then reported to the bus's
 * {@link EventExceptionHandler}, counted in {@link #stats()}, listed in the {@link PublishResult}
 * and handed to the dead-letter handler when one is configured.
 *
 * <h2>Threads</h2>
 *
 * Every method may be called from any thread at any time, including from inside a handler
 * (publishing from a handler delivers the nested event before the outer publish continues, depth
 * first, on synchronous subscriptions).
 *
 * <h2>Lifecycle</h2>
 *
 * {@link EventBusState#NEW} until {@link #start()}, then {@code RUNNING} until {@link
 * #stop(Duration)} or {@link #close()}. Buses made by the library's factories are already running.
 * Publishing to a bus that is not running throws {@link EventBusStoppedException}.
 *
 * @since 0.1
 */
public interface UnifiedEventBus extends AutoCloseable {

  /**
   * Publishes one event: runs synchronous subscribers before returning and hands the event to
   * asynchronous ones, whose deliveries are {@linkplain PublishResult#pending() pending} in the
   * result.
   *
   * @param event the event; its class, or its {@linkplain DomainEvent#typeNameOf(Object) type
   *     name}, selects the subscriptions
   * @return the outcome per matching subscription, asynchronous deliveries counted as pending
   * @throws NullPointerException if {@code event} is null
   * @throws EventBusStoppedException if the bus is not running
   * @throws EventBusOverloadedException if a full queue refuses the event (see {@link
   *     OverflowPolicy})
   * @throws EventTooLargeException on a bus with storage, if the encoded event is larger than
   *     {@link StorageConfig#maxEventSize()}; it is then neither stored nor delivered
   * @throws RuntimeException on a bus with storage, whatever the event store threw when it could
   *     not append the event (which is then neither counted nor delivered)
   */
  PublishResult publish(Object event);

  /**
   * Publishes one event inside the caller's database transaction (the transactional outbox): the
   * event and its pending deliveries are written through {@link EventTransaction#connection()}, so
   * they commit or roll back with the caller's own writes. {@link ProcessingMode#SYNC}
   * subscriptions run now, inside the transaction, unless they asked for {@linkplain
   * SubscriptionOptions#afterCommit() after-commit delivery}; every other delivery is made only
   * once the transaction has committed, and none after a rollback. If the process dies between the
   * commit and those deliveries, they are made after the next start (or, on a store several
   * instances share, by the instance that takes them over).
   *
   * <p>The returned result covers the deliveries made now; those after the commit are counted in
   * {@link #stats()}. Needs a bus with storage whose store can write through the caller's
   * connection (the JDBC store).
   *
   * @param event the event to store and deliver
   * @param transaction the caller's open transaction the event is written through
   * @return the outcome of the deliveries made now
   * @throws NullPointerException if an argument is null
   * @throws EventBusStoppedException if the bus is not running
   * @throws IllegalStateException if the bus has no storage, its store cannot join the caller's
   *     transaction, or the connection is in auto-commit mode (there is no transaction to join)
   * @throws EventTooLargeException as for {@link #publish(Object)}
   * @throws RuntimeException whatever the store threw when it could not append the event; the
   *     caller's transaction should then be rolled back
   */
  default PublishResult publish(Object event, EventTransaction transaction) {
    throw new IllegalStateException(
        "publishing in a transaction needs a bus with storage, and "
            + getClass().getName()
            + " has none");
  }

  /**
   * Publishes one event and returns a future that completes when every matching subscription has
   * succeeded or finally failed (retries and dead-lettering included). The future never completes
   * exceptionally for handler failures; those are in the result. A full queue's refusal ({@link
   * EventBusOverloadedException}) completes it exceptionally.
   *
   * @param event the event to deliver
   * @return a future of the final outcome per matching subscription, with nothing pending
   * @throws NullPointerException if {@code event} is null
   * @throws EventBusStoppedException if the bus is not running
   * @throws EventTooLargeException on a bus with storage, if the encoded event is larger than
   *     {@link StorageConfig#maxEventSize()}, thrown here rather than through the future
   * @throws RuntimeException on a bus with storage, whatever the event store threw when it could
   *     not append the event, thrown here rather than through the future: the event was neither
   *     stored, counted nor delivered
   */
  CompletableFuture<PublishResult> publishAsync(Object event);

  /**
   * Publishes each event in iteration order, as {@link #publish(Object)} would.
   *
   * @param events the events to publish
   * @return one result per event, in the same order
   * @throws NullPointerException if {@code events} or one of its elements is null; the events
   *     before it were published
   * @throws EventBusStoppedException if the bus is not running
   */
  List<PublishResult> publishAll(Iterable<?> events);

  /**
   * Subscribes with {@link SubscriptionOptions#defaults()}.
   *
   * @param <E> the type of event the handler receives
   * @param eventType the class whose instances (subclasses and implementations included) are
   *     delivered
   * @param handler receives each matching event
   * @return the new subscription, active until closed
   * @see #subscribe(Class, EventHandler, SubscriptionOptions)
   */
  default <E> Subscription subscribe(Class<E> eventType, EventHandler<? super E> handler) {
    return subscribe(eventType, handler, SubscriptionOptions.defaults());
  }

  /**
   * Subscribes {@code handler} to every event that is an instance of {@code eventType}.
   *
   * @param <E> the type of event the handler receives
   * @param eventType the class whose instances (subclasses and implementations included) are
   *     delivered
   * @param handler receives each matching event
   * @param options mode, priority, filter, retry and the other settings of this subscription
   * @return the new subscription, active until closed
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the options ask for a mode this bus cannot run
   * @throws EventBusStoppedException if the bus is stopping or stopped
   */
  <E> Subscription subscribe(
      Class<E> eventType, EventHandler<? super E> handler, SubscriptionOptions options);

  /**
   * Subscribes with {@link SubscriptionOptions#defaults()}.
   *
   * @param eventType the type name delivered, or {@code "*"} for every event
   * @param handler receives each matching event
   * @return the new subscription, active until closed
   * @see #subscribe(String, EventHandler, SubscriptionOptions)
   */
  default Subscription subscribe(String eventType, EventHandler<Object> handler) {
    return subscribe(eventType, handler, SubscriptionOptions.defaults());
  }

  /**
   * Subscribes {@code handler} to events whose type name is {@code eventType}, or to every event if
   * it is {@code "*"}.
   *
   * @param eventType the type name delivered, or {@code "*"} for every event
   * @param handler receives each matching event
   * @param options mode, priority, filter, retry and the other settings of this subscription
   * @return the new subscription, active until closed
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code eventType} is blank, or the options ask for a mode
   *     this bus cannot run
   * @throws EventBusStoppedException if the bus is stopping or stopped
   */
  Subscription subscribe(
      String eventType, EventHandler<Object> handler, SubscriptionOptions options);

  /**
   * Subscribes with {@link SubscriptionOptions#defaults()}.
   *
   * @param <E> the type of event the handler receives
   * @param eventType the type name delivered, or {@code "*"} for every event
   * @param payloadType the class an event of that type name must be an instance of to be delivered
   * @param handler receives each matching event
   * @return the new subscription, active until closed
   * @see #subscribe(String, Class, EventHandler, SubscriptionOptions)
   */
  default <E> Subscription subscribe(
      String eventType, Class<E> payloadType, EventHandler<? super E> handler) {
    return subscribe(eventType, payloadType, handler, SubscriptionOptions.defaults());
  }

  /**
   * Subscribes {@code handler} to the events whose type name is {@code eventType} (every event if
   * it is {@code "*"}) that are instances of {@code payloadType}: a handler typed on what it
   * receives, where {@link #subscribe(String, EventHandler, SubscriptionOptions)} hands it an
   * {@code Object}. It is the native counterpart of the legacy {@code vm.core.event.EventHandler},
   * which receives every event of a type name as a {@link DomainEvent}: {@code
   * bus.subscribe("order.placed", DomainEvent.class, handler)}.
   *
   * <p>An event of that type name that is not a {@code payloadType} is skipped, and counted as
   * filtered for the subscription, as an event the options' {@linkplain
   * SubscriptionOptions#filter() filter} refuses is; that filter is asked only about events of
   * {@code payloadType}. The subscription takes its name, priority and {@linkplain
   * EventHandler#supportsAsync() async support} from {@code handler} unless the options set them,
   * and a {@link BatchEventHandler} receives whole batches.
   *
   * @param <E> the type of event the handler receives
   * @param eventType the type name delivered, or {@code "*"} for every event
   * @param payloadType the class an event of that type name must be an instance of to be delivered
   * @param handler receives each matching event
   * @param options mode, priority, filter, retry and the other settings of this subscription
   * @return the new subscription, active until closed
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code eventType} is blank, or the options ask for a mode
   *     this bus cannot run
   * @throws EventBusStoppedException if the bus is stopping or stopped
   * @since 0.2
   */
  default <E> Subscription subscribe(
      String eventType,
      Class<E> payloadType,
      EventHandler<? super E> handler,
      SubscriptionOptions options) {
    TypedHandler<E> typed = TypedHandler.of(payloadType, handler);
    return subscribe(eventType, typed, typed.narrow(options));
  }

  /**
   * Subscribes every method of {@code listener} annotated with {@link Subscribe}, each with the
   * mode, priority, filter and event type its annotation gives, and returns one subscription for
   * them all: closing it closes every one. Each method is checked before any is subscribed; if one
   * subscription fails, those already made are closed again. Registering the same object twice
   * makes two independent registrations, each delivering every event once.
   *
   * @param listener an object whose class declares {@code @Subscribe} methods
   * @return a subscription whose {@link Subscription#id()}, {@link Subscription#eventType()},
   *     {@link Subscription#mode()} and {@link Subscription#priority()} are those of the first
   *     method (by name, then parameter type), whose name is the listener's class name, and which
   *     is active while any of its methods' subscriptions is
   * @throws NullPointerException if {@code listener} is null
   * @throws IllegalArgumentException if the listener's class has no {@code @Subscribe} method, or
   *     one is malformed (the message names the class, the method and the problem), or an
   *     annotation asks for a mode this bus cannot run
   * @throws java.lang.reflect.InaccessibleObjectException on the module path, if the library cannot
   *     call a method: the listener's package must be open to module {@code dev.eventbus.core}
   *     ({@code opens my.listeners to dev.eventbus.core;}), unless the class and its methods are
   *     public in an exported package; the message names the package and the module
   * @throws EventBusStoppedException if the bus is stopping or stopped
   * @since 0.1
   */
  Subscription register(Object listener);

  /**
   * Removes a subscription (as {@link Subscription#close()} does, but strict).
   *
   * @param id the id of the subscription to remove
   * @throws UnknownSubscriptionException if this bus holds no active subscription with that id
   */
  void unsubscribe(SubscriptionId id);

  /** {@return the bus's counters now} */
  EventBusStats stats();

  /**
   * Adds a listener told of every subscription and counted event type, those there now included,
   * and given the latencies of timed handler calls (see {@link dev.eventbus.api.MetricsListener}).
   * With metrics off ({@link MetricsConfig#enabled()}) it is told of subscriptions only: nothing is
   * timed and no type is counted. Adding the same listener twice adds it once.
   *
   * @param listener the listener to add
   * @throws NullPointerException if {@code listener} is null
   * @throws UnsupportedOperationException if this bus has no metrics hook (the library's buses all
   *     have one)
   */
  default void addMetricsListener(dev.eventbus.api.MetricsListener listener) {
    throw new UnsupportedOperationException(getClass().getName() + " has no metrics hook");
  }

  /**
   * Removes a listener added with {@link #addMetricsListener}: its recorders are not called again
   * and it is told of nothing more. Does nothing for a listener that was not added.
   *
   * @param listener the listener to remove
   */
  default void removeMetricsListener(dev.eventbus.api.MetricsListener listener) {}

  /** {@return the configuration in force now} */
  EventBusConfig config();

  /** {@return the processing modes this bus runs; always includes {@link ProcessingMode#SYNC}} */
  Set<ProcessingMode> modes();

  /**
   * Changes the bus's tunables while it runs: the default retry policy, overflow and batch defaults
   * (for subscriptions that did not set their own), batch bounds and adaptive batching,
   * adaptive-mode thresholds, block timeout, shutdown timeout and the default mode of later
   * subscriptions. What is laid out when the bus is built cannot change: shard count, queue size,
   * dead-letter capacity, metrics, storage tunables and type cache size.
   *
   * @param next the whole configuration to run with from now on
   * @throws NullPointerException if {@code next} is null
   * @throws IllegalArgumentException if {@code next} changes something fixed at build time (the
   *     message names the field, the value in force and the value asked for), or its default mode
   *     is not one of {@link #modes()}
   */
  void reconfigure(EventBusConfig next);

  /**
   * The bus's dead letters, if final failures go to its queue (the default); empty if the bus hands
   * them to a custom dead-letter handler instead. On a bus with storage the queue's {@linkplain
   * DeadLetterQueue#letters letters} are those the store keeps, across restarts (a custom handler
   * does not stop them being stored); without storage they are kept in memory only.
   *
   * @return the bus's dead-letter queue, or empty if a custom dead-letter handler replaces it
   */
  default Optional<DeadLetterQueue> deadLetters() {
    return Optional.empty();
  }

  /**
   * Whether this bus stores its events before it delivers them (it was built with storage), so that
   * an event {@code publish} returned for survives a crash. A receiver of events from elsewhere (a
   * transport's inbound side) settles a message once the event is stored if so, and only once its
   * handlers finished if not. {@code false} by default.
   *
   * @return true if the bus has storage
   */
  default boolean hasStorage() {
    return false;
  }

  /** {@return the lifecycle state now} */
  EventBusState state();

  /**
   * Starts accepting events. Idempotent on a running bus.
   *
   * @throws IllegalStateException if the bus is stopping or stopped
   */
  void start();

  /**
   * Stops accepting events, then waits up to {@code timeout} for the publishes already running on
   * other threads (with their synchronous handlers) and for queued deliveries and open batches to
   * finish. Returns by the deadline whatever the handlers do, even one that ignores interrupts; the
   * report names what it left running ({@link ShutdownReport#running()}). A handler that stops its
   * own bus does not wait for its own publish. Idempotent: a second call returns an empty report.
   *
   * @param timeout how long to wait for publishes, queues and batches to finish
   * @return whether it finished in time, how many deliveries it drained, and what it left
   *     undelivered or running
   * @throws IllegalArgumentException if {@code timeout} is negative
   */
  ShutdownReport stop(Duration timeout);

  /** {@link #stop(Duration)} with the configured shutdown timeout. */
  @Override
  void close();
}
