package dev.eventbus.transport;

import dev.eventbus.api.BatchEventHandler;
import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.PartialBatchFailureException;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.ContextPropagator;
import dev.eventbus.api.spi.EventCodec;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The routes of a relay (event class to destination: a Kafka topic, a Redis stream) and the tracked
 * subscriptions that carry them: one {@link ProcessingMode#BATCH} subscription per route, named
 * {@code <prefix><relay name>:<event class>}, {@link OverflowPolicy#BLOCK} on overflow, on
 * {@linkplain SubscriptionOptions#ownLanes() a lane of its own} (so that a broker outage holds back
 * only the relay's deliveries, never the bus's other subscriptions), whose batch handler encodes
 * the events ({@link OutboundMessage}, each with its own publisher's trace) and hands them to the
 * transport's {@link Sender}, which sends them at once and returns only once the broker confirmed
 * or refused each. Batches of one route go out one at a time, in publish order; a batch the broker
 * did not wholly confirm is sent again, whole. Filled by a relay's builder, attached by the relay.
 */
public final class RelayRoutes {

  /** Sends a batch of messages to one destination, returning once the broker answered for each. */
  @FunctionalInterface
  public interface Sender {

    /**
     * Sends, in order.
     *
     * @param messages the encoded events, not empty
     * @param destination the route's destination
     * @return the messages the broker refused for good, by position in {@code messages}, each with
     *     why (they become dead letters); empty if it confirmed all
     * @throws RuntimeException if a message was not confirmed for a reason that may pass: the batch
     *     fails as a whole (and is sent again if the relay's retry policy says so)
     */
    Map<Integer, RuntimeException> send(List<OutboundMessage> messages, String destination);
  }

  /** The most events one batch carries unless the relay's builder says otherwise. */
  public static final int DEFAULT_BATCH_SIZE = 1_000;

  private final String destinationWord;
  private final Function<Class<?>, @Nullable String> annotated;
  private final String annotationName;
  private final Map<Class<?>, Route<?>> routes = new LinkedHashMap<>();
  private final List<Subscription> subscriptions = new ArrayList<>();
  private @Nullable UnifiedEventBus bus;
  private boolean closed;
  private int batchSize = DEFAULT_BATCH_SIZE;

  /**
   * Routes with no route yet.
   *
   * @param <A> the annotation type
   * @param destinationWord what a destination is called ({@code topic}, {@code stream})
   * @param annotation the annotation that names a class's destination
   * @param value the destination an annotation names
   */
  public <A extends Annotation> RelayRoutes(
      String destinationWord, Class<A> annotation, Function<A, String> value) {
    this.destinationWord = Objects.requireNonNull(destinationWord, "destinationWord");
    Objects.requireNonNull(annotation, "annotation");
    Objects.requireNonNull(value, "value");
    this.annotated =
        type -> {
          A found = type.getAnnotation(annotation);
          return found == null ? null : value.apply(found);
        };
    this.annotationName = annotation.getSimpleName();
  }

  /**
   * Sends events of {@code type} (and its subtypes) to {@code destination}.
   *
   * @param <E> the event type
   * @param type the event class
   * @param destination where they go
   * @param eventId gives each event its id, stable across redeliveries
   * @throws IllegalArgumentException if the destination is blank ({@code <destination word> must
   *     not be blank}) or the type is routed already
   */
  public synchronized <E> void add(
      Class<E> type, String destination, Function<? super E, String> eventId) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(eventId, "eventId");
    Checks.notBlank(destinationWord, destination);
    if (routes.containsKey(type)) {
      throw new IllegalArgumentException(
          type.getName()
              + " is routed already, to "
              + destinationWord
              + " "
              + routes.get(type).destination());
    }
    routes.put(type, new Route<>(type, destination, eventId));
  }

  /**
   * Sends events of {@code type} to the destination its annotation names.
   *
   * @param <E> the event type
   * @param type the event class, annotated
   * @param eventId gives each event its id, stable across redeliveries
   * @throws IllegalArgumentException if the class has no such annotation, its destination is blank,
   *     or the type is routed already
   */
  public <E> void addAnnotated(Class<E> type, Function<? super E, String> eventId) {
    Objects.requireNonNull(type, "type");
    String destination = annotated.apply(type);
    if (destination == null) {
      throw new IllegalArgumentException(
          type.getName()
              + " has no @"
              + annotationName
              + " annotation: annotate the class or name the "
              + destinationWord
              + " in route(type, "
              + destinationWord
              + ", eventId)");
    }
    add(type, destination, eventId);
  }

  /**
   * The most events one batch (one send to the broker) carries.
   *
   * @param batchSize at least 1
   * @throws IllegalArgumentException if below 1
   */
  public synchronized void batchSize(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1 but was " + batchSize);
    }
    this.batchSize = batchSize;
  }

  /**
   * Whether no route was added.
   *
   * @return true if there is none
   */
  public synchronized boolean isEmpty() {
    return routes.isEmpty();
  }

  /**
   * The name of the subscription for one routed class.
   *
   * @param prefix the transport's prefix ({@code kafka-relay:})
   * @param relayName the relay's name
   * @param eventClass a routed class
   * @return {@code <prefix><relayName>:<class name>}
   */
  public static String subscriptionName(String prefix, String relayName, Class<?> eventClass) {
    return prefix + relayName + ":" + eventClass.getName();
  }

  /**
   * Subscribes one tracked subscription per route to {@code bus}.
   *
   * @param relay the relay's description for messages ({@code Kafka relay kafka})
   * @param prefix the subscriptions' name prefix
   * @param relayName the relay's name
   * @param bus the bus whose events of the routed types go out
   * @param codec encodes the events
   * @param propagator writes the publisher's trace on each message ({@link TraceFields}), or null
   *     for none
   * @param retryPolicy the deliveries' retry policy
   * @param refusal makes the exception a delivery fails with when the id function gives no id (not
   *     retried: a dead letter)
   * @param sender sends a batch of messages
   * @return the subscriptions, in route order
   * @throws IllegalStateException if attached already or closed
   */
  public synchronized List<Subscription> attach(
      String relay,
      String prefix,
      String relayName,
      UnifiedEventBus bus,
      EventCodec codec,
      @Nullable ContextPropagator propagator,
      RetryPolicy retryPolicy,
      Function<String, RuntimeException> refusal,
      Sender sender) {
    Objects.requireNonNull(bus, "bus");
    if (closed) {
      throw new IllegalStateException("the " + relay + " is closed");
    }
    if (this.bus != null) {
      throw new IllegalStateException("the " + relay + " is attached to a bus already");
    }
    this.bus = bus;
    for (Route<?> route : routes.values()) {
      subscriptions.add(
          subscribe(
              bus,
              route,
              subscriptionName(prefix, relayName, route.type()),
              codec,
              propagator,
              retryPolicy,
              refusal,
              sender));
    }
    return List.copyOf(subscriptions);
  }

  private <E> Subscription subscribe(
      UnifiedEventBus bus,
      Route<E> route,
      String name,
      EventCodec codec,
      @Nullable ContextPropagator propagator,
      RetryPolicy retryPolicy,
      Function<String, RuntimeException> refusal,
      Sender sender) {
    SubscriptionOptions options =
        SubscriptionOptions.builder()
            .mode(ProcessingMode.BATCH)
            .name(name)
            .retryPolicy(retryPolicy)
            .overflowPolicy(OverflowPolicy.BLOCK)
            // A broker that is down makes the sends wait and the retries back off: on a lane of
            // its own that holds back only the relay's deliveries, not the bus's other ones.
            .ownLanes(true)
            .batchSize(batchSize)
            .build();
    return bus.subscribe(
        route.type(), new RouteHandler<>(route, codec, propagator, refusal, sender), options);
  }

  /**
   * One route's batches: encodes each event with its own publisher's trace (seen in {@link
   * #beforeBatch}, where the bus restores that event's context), sends those with an id, and fails
   * the ones without an id or refused by the broker on their own. Runs one batch at a time (the
   * subscription's lane), so its list of traces is confined to that lane.
   */
  private final class RouteHandler<E> implements BatchEventHandler<E> {
    private final Route<E> route;
    private final EventCodec codec;
    private final @Nullable ContextPropagator propagator;
    private final Function<String, RuntimeException> refusal;
    private final Sender sender;
    private final List<Map<String, String>> traces = new ArrayList<>();

    RouteHandler(
        Route<E> route,
        EventCodec codec,
        @Nullable ContextPropagator propagator,
        Function<String, RuntimeException> refusal,
        Sender sender) {
      this.route = route;
      this.codec = codec;
      this.propagator = propagator;
      this.refusal = refusal;
      this.sender = sender;
    }

    @Override
    public void beforeBatch(E event) {
      traces.add(TraceFields.capture(propagator));
    }

    @Override
    public void handleBatch(List<E> events) {
      // One trace per event when the bus showed each in its context; else (a batch of one outside
      // BATCH mode) the context current here is the event's own.
      List<Map<String, String>> seen = traces.size() == events.size() ? List.copyOf(traces) : null;
      traces.clear();
      Map<Integer, Throwable> failed = new TreeMap<>();
      List<OutboundMessage> messages = new ArrayList<>(events.size());
      int[] positions = new int[events.size()];
      for (int i = 0; i < events.size(); i++) {
        E event = events.get(i);
        String eventId = route.eventId().apply(event);
        if (eventId == null || eventId.isBlank()) {
          failed.put(i, refusal.apply(noId(eventId)));
          continue;
        }
        Map<String, String> trace = seen != null ? seen.get(i) : TraceFields.capture(propagator);
        positions[messages.size()] = i;
        messages.add(OutboundMessage.encodeWithTrace(event, eventId, codec, trace));
      }
      if (!messages.isEmpty()) {
        sender
            .send(messages, route.destination())
            .forEach((position, refused) -> failed.put(positions[position], refused));
      }
      if (!failed.isEmpty()) {
        throw new PartialBatchFailureException(failed);
      }
    }

    private String noId(@Nullable String eventId) {
      return "the event id of a "
          + route.type().getName()
          + " for "
          + destinationWord
          + " "
          + route.destination()
          + " is "
          + (eventId == null ? "null" : "blank")
          + ": the route's id function must give every event an id";
    }
  }

  /**
   * Closes the subscriptions (their pending deliveries stay in the store); later {@code attach}
   * calls are refused.
   *
   * @return false if closed already
   */
  public synchronized boolean close() {
    if (closed) {
      return false;
    }
    closed = true;
    subscriptions.forEach(Subscription::close);
    return true;
  }

  private record Route<E>(Class<E> type, String destination, Function<? super E, String> eventId) {}
}
