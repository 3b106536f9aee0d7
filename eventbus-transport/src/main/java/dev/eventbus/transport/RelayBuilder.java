package dev.eventbus.transport;

import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.spi.ContextPropagator;
import dev.eventbus.api.spi.EventCodec;
import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What every relay's builder configures: its name, its routes (by configuration or by the
 * transport's annotation), the retry policy of its deliveries and the propagator that writes the
 * publisher's trace. A transport's builder extends it with its connection settings and builds its
 * relay from {@link #settings()}.
 *
 * @param <B> the transport's builder, which each setter returns
 */
public abstract class RelayBuilder<B extends RelayBuilder<B>> {

  private final String transport;
  private final String destinationWord;
  private final EventCodec codec;
  private final RelayRoutes routes;
  private String name;
  private RetryPolicy retryPolicy =
      RetryPolicy.exponential(Integer.MAX_VALUE, Duration.ofMillis(200), Duration.ofSeconds(30));
  private @Nullable ContextPropagator contextPropagator;

  /**
   * A builder with no routes, named after the transport ({@code kafka}, {@code redis}).
   *
   * @param <A> the annotation type
   * @param transport the transport's name in messages ({@code Kafka}, {@code Redis})
   * @param destinationWord what a destination is called ({@code topic}, {@code stream})
   * @param annotation the annotation that names a class's destination
   * @param destination the destination an annotation names
   * @param codec encodes each event's data
   * @throws NullPointerException if an argument is null
   */
  protected <A extends Annotation> RelayBuilder(
      String transport,
      String destinationWord,
      Class<A> annotation,
      Function<A, String> destination,
      EventCodec codec) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.destinationWord = Objects.requireNonNull(destinationWord, "destinationWord");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.routes = new RelayRoutes(destinationWord, annotation, destination);
    this.name = transport.toLowerCase(Locale.ROOT);
  }

  @SuppressWarnings("unchecked") // B is the class that extends this one
  private B self() {
    return (B) this;
  }

  /**
   * The relay's name, part of its subscriptions' names: keep it stable across runs. Default the
   * transport's name in lower case ({@code kafka}, {@code redis}).
   *
   * @param name stable across runs
   * @return this builder
   * @throws IllegalArgumentException if blank
   */
  public B name(String name) {
    this.name = Checks.notBlank("name", name);
    return self();
  }

  /**
   * Sends events of {@code type} (and its subtypes) to {@code destination} (a topic, a stream).
   *
   * @param <E> the event type
   * @param type the event class
   * @param destination where they go
   * @param eventId gives each event its id, stable across redeliveries (the receiving side drops
   *     duplicates by it): an id the event carries
   * @return this builder
   * @throws IllegalArgumentException if the destination is blank or the type is routed already
   */
  public <E> B route(Class<E> type, String destination, Function<? super E, String> eventId) {
    routes.add(type, destination, eventId);
    return self();
  }

  /**
   * Sends events of {@code type} to the destination its transport's annotation names ({@code
   * KafkaTopic}, {@code RedisStream}).
   *
   * @param <E> the event type
   * @param type the event class, annotated
   * @param eventId gives each event its id, stable across redeliveries
   * @return this builder
   * @throws IllegalArgumentException if the class has no such annotation, its destination is blank,
   *     or the type is routed already
   */
  public <E> B route(Class<E> type, Function<? super E, String> eventId) {
    routes.addAnnotated(type, eventId);
    return self();
  }

  /**
   * The retry policy of the relay's deliveries while the broker does not confirm; default
   * exponential from 200 ms to 30 s, without an attempt limit (a delivery stays pending until the
   * broker takes it). Only the transport's send failures (a broker down, a timeout) are retried;
   * refused messages are dead letters at once.
   *
   * @param retryPolicy attempts and waits
   * @return this builder
   * @throws NullPointerException if {@code retryPolicy} is null
   */
  public B retryPolicy(RetryPolicy retryPolicy) {
    this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    return self();
  }

  /**
   * The most events one send carries. The relay sends each route's events in batches, one batch at
   * a time and in publish order: the client sends a batch's messages without waiting for one before
   * the next, and the batch's deliveries complete once the broker confirmed every message. A batch
   * goes out when it is full or when its oldest event has waited the bus's {@linkplain
   * dev.eventbus.api.BatchConfig#batchInterval() batch interval}. Default {@value
   * RelayRoutes#DEFAULT_BATCH_SIZE}: one round trip to the broker per thousand events while a
   * backlog drains. With the bus's {@linkplain dev.eventbus.api.BatchConfig#adaptiveBatching()
   * adaptive batching} the size starts there and follows the load within the bus's bounds.
   *
   * @param batchSize at least 1
   * @return this builder
   * @throws IllegalArgumentException if below 1
   */
  public B batchSize(int batchSize) {
    routes.batchSize(batchSize);
    return self();
  }

  /**
   * Writes the publisher's trace on each message as the fields {@link MessageFields#TRACEPARENT}
   * (and {@link MessageFields#TRACESTATE}); give it the propagator the bus has, which restores the
   * publisher's context around the relay's sends. None by default: no trace fields.
   *
   * @param contextPropagator the bus's propagator
   * @return this builder
   * @throws NullPointerException if {@code contextPropagator} is null
   */
  public B contextPropagator(ContextPropagator contextPropagator) {
    this.contextPropagator = Objects.requireNonNull(contextPropagator, "contextPropagator");
    return self();
  }

  /**
   * What was configured, for the transport's relay.
   *
   * @return the settings
   * @throws IllegalStateException if no route was given
   */
  protected final RelaySettings settings() {
    if (routes.isEmpty()) {
      throw new IllegalStateException(
          "the "
              + transport
              + " relay "
              + name
              + " has no route: add route(type, "
              + destinationWord
              + ", eventId)");
    }
    return new RelaySettings(transport, name, codec, routes, retryPolicy, contextPropagator);
  }
}
