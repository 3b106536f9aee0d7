package dev.eventbus.kafka;

import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.EventCodec;
import dev.eventbus.transport.Checks;
import dev.eventbus.transport.OutboundMessage;
import dev.eventbus.transport.RelayBuilder;
import dev.eventbus.transport.RelayRoutes;
import dev.eventbus.transport.RelaySends;
import dev.eventbus.transport.RelaySettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

/**
 * Sends chosen event types from a bus to Kafka topics. Each route is a tracked subscription of the
 * bus ({@link ProcessingMode#BATCH} on a lane of its own, named {@code kafka-relay:<relay
 * name>:<event class>}), so on a bus with storage every event of a routed type is stored with a
 * pending delivery to the relay before {@code publish} returns. The relay hands a batch of a
 * route's events to the producer at once (idempotent, {@code acks=all}: the records of one
 * partition are written in the order sent) and completes their deliveries only when the broker
 * acknowledged every record. A record that fails or times out fails the batch, which is sent again,
 * whole, under the relay's {@linkplain Builder#retryPolicy retry policy} (records already
 * acknowledged go again; the receiving side drops them by id); batches of one route go out one at a
 * time, so the events of one partition key go out in publish order. A record the broker refuses for
 * good is a dead letter; the rest of its batch counts as sent. A delivery left pending at a stop or
 * a crash is made again after the next start, as every tracked delivery is.
 *
 * <p>A record: the route's topic; the key is the event's {@linkplain
 * dev.eventbus.api.DomainEvent#partitionKeyOf partition key} (none: no key); the value is the
 * codec's data as JSON; the headers are those of {@link KafkaHeaders}.
 *
 * <pre>{@code
 * KafkaRelay relay = KafkaRelay.builder("broker:9092", codec)
 *     .route(OrderPlaced.class, "orders", OrderPlaced::orderId)   // by configuration
 *     .route(PaymentTaken.class, PaymentTaken::paymentId)         // topic from @KafkaTopic
 *     .build();
 * relay.attach(bus);
 * }</pre>
 */
public final class KafkaRelay implements AutoCloseable {

  /** The prefix of the relay's subscription names. */
  public static final String SUBSCRIPTION_PREFIX = "kafka-relay:";

  private static final Set<String> FIXED_PRODUCER_SETTINGS =
      Set.of(
          ProducerConfig.ACKS_CONFIG,
          ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
          ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
          ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
          ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);

  private final RelaySettings settings;
  private final String name;
  private final Duration sendTimeout;
  private final KafkaProducer<String, byte[]> producer;
  private final RelaySends sends =
      new RelaySends(
          "broker",
          KafkaException.class,
          KafkaRelay::refusedForGood,
          KafkaSendException::new,
          KafkaRecordRefusedException::new);

  private KafkaRelay(Builder builder, RelaySettings settings) {
    this.settings = settings;
    this.name = settings.name();
    this.sendTimeout = builder.sendTimeout;
    Properties properties = new Properties();
    properties.put(ProducerConfig.CLIENT_ID_CONFIG, "eventbus-relay-" + name);
    properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    properties.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
    long timeoutMillis = sendTimeout.toMillis();
    properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(timeoutMillis));
    properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeoutMillis));
    properties.putAll(builder.producerProperties);
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, builder.bootstrapServers);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    // A record the producer gave up on while a later one of its partition got through would be
    // overtaken by it (the batch goes again after the later one was written). So the producer keeps
    // trying every record, in order, until the relay closes; the relay stops waiting after the send
    // timeout and sends the batch again, behind the records still queued.
    properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(Integer.MAX_VALUE));
    this.producer =
        new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
  }

  /**
   * A builder.
   *
   * @param bootstrapServers the brokers, as Kafka's {@code bootstrap.servers}
   * @param codec encodes each event's data; the same codec (or one that knows the same types)
   *     decodes it on the other side
   * @return a builder with no routes
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code bootstrapServers} is blank
   */
  public static Builder builder(String bootstrapServers, EventCodec codec) {
    return new Builder(Checks.notBlank("bootstrapServers", bootstrapServers), codec);
  }

  /**
   * Subscribes one tracked subscription per route to {@code bus}.
   *
   * @return the subscriptions, in route order
   * @param bus the bus whose events of the routed types go out
   * @throws IllegalStateException if the relay is attached already or closed
   * @throws IllegalArgumentException if the bus cannot run {@link ProcessingMode#BATCH}, or a
   *     subscription of the same name exists
   */
  public List<Subscription> attach(UnifiedEventBus bus) {
    return settings.attach(
        SUBSCRIPTION_PREFIX, bus, KafkaSendException.class, sends::refuse, this::send);
  }

  /**
   * The name of the subscription a relay named {@code relayName} has for {@code eventClass}.
   *
   * @param relayName the relay's {@linkplain Builder#name name}
   * @param eventClass a routed class
   * @return {@code kafka-relay:<relayName>:<class name>}
   */
  public static String subscriptionName(String relayName, Class<?> eventClass) {
    return RelayRoutes.subscriptionName(SUBSCRIPTION_PREFIX, relayName, eventClass);
  }

  private Map<Integer, RuntimeException> send(List<OutboundMessage> messages, String topic) {
    return sends.sendAll(
        "topic " + topic,
        sendTimeout.plusSeconds(5),
        messages,
        batch -> {
          List<Future<?>> acknowledgements = new ArrayList<>(batch.size());
          for (OutboundMessage message : batch) {
            Future<?> acknowledgement;
            try {
              acknowledgement = producer.send(record(message, topic));
            } catch (KafkaException e) {
              acknowledgement = CompletableFuture.failedFuture(e);
            }
            acknowledgements.add(acknowledgement);
            if (acknowledgement.isDone() && failedForNow(acknowledgement)) {
              // Not sent, for a reason that may pass (no metadata within max.block.ms, say):
              // neither are the later records of the batch, which could otherwise be written before
              // this one's next attempt. A record refused for good does not hold back the rest.
              while (acknowledgements.size() < batch.size()) {
                acknowledgements.add(acknowledgement);
              }
              break;
            }
          }
          return acknowledgements;
        });
  }

  private static boolean failedForNow(Future<?> done) {
    try {
      done.get();
      return false;
    } catch (ExecutionException e) {
      return !refusedForGood(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  private static boolean refusedForGood(@Nullable Throwable failure) {
    return failure instanceof KafkaException && !(failure instanceof RetriableException);
  }

  private static ProducerRecord<String, byte[]> record(OutboundMessage message, String topic) {
    RecordHeaders headers = new RecordHeaders();
    message.fields().forEach((field, value) -> headers.add(field, utf8(value)));
    return new ProducerRecord<>(topic, null, message.partitionKey(), message.payload(), headers);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The relay's counts so far.
   *
   * @return attempts, acknowledgements, failures and refusals
   */
  public Stats stats() {
    return new Stats(sends.attempts(), sends.confirmed(), sends.failed(), sends.refused());
  }

  /**
   * The relay's name.
   *
   * @return the name its subscriptions carry
   */
  public String name() {
    return name;
  }

  /**
   * Closes the relay's subscriptions (their pending deliveries stay in the store) and the producer,
   * waiting up to the send timeout for records in flight. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (settings.close()) {
      producer.close(sendTimeout);
    }
  }

  /**
   * The relay's counts.
   *
   * @param sendAttempts records handed to the producer, every retry counted
   * @param acknowledged records the broker acknowledged
   * @param failedSends sends that failed for a reason that may pass; their deliveries are tried
   *     again
   * @param refused events refused for good (no id, a record the broker refuses): dead letters
   */
  public record Stats(long sendAttempts, long acknowledged, long failedSends, long refused) {}

  /**
   * Configures a {@link KafkaRelay}: the settings every relay has ({@link RelayBuilder}: name,
   * routes to topics by configuration or {@link KafkaTopic}, retry policy, context propagator), the
   * send timeout and producer properties. Only {@link KafkaSendException}s are retried; refused
   * records are dead letters at once.
   */
  public static final class Builder extends RelayBuilder<Builder> {

    private final String bootstrapServers;
    private final Map<String, String> producerProperties = new LinkedHashMap<>();
    private Duration sendTimeout = Duration.ofSeconds(30);

    private Builder(String bootstrapServers, EventCodec codec) {
      super("Kafka", "topic", KafkaTopic.class, KafkaTopic::value, codec);
      this.bootstrapServers = bootstrapServers;
    }

    /**
     * How long the relay waits for a batch's acknowledgements (plus 5 s) and Kafka's {@code
     * request.timeout.ms} and {@code max.block.ms}; default 30 s. A batch not acknowledged in time
     * is sent again; the producer keeps trying the first sends too (no {@code
     * delivery.timeout.ms}), so a record never falls behind a later one of its partition.
     *
     * @param sendTimeout at least one second
     * @return this builder
     * @throws IllegalArgumentException if below one second
     */
    public Builder sendTimeout(Duration sendTimeout) {
      Objects.requireNonNull(sendTimeout, "sendTimeout");
      if (sendTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException(
            "sendTimeout must be >= 1 second but was " + sendTimeout);
      }
      this.sendTimeout = sendTimeout;
      return this;
    }

    /**
     * Sets a producer property (see Kafka's producer configuration).
     *
     * @param key the property's name
     * @param value its value
     * @return this builder
     * @throws IllegalArgumentException for {@code acks}, {@code enable.idempotence}, {@code
     *     delivery.timeout.ms}, the serializers and {@code bootstrap.servers}, which the relay sets
     *     itself
     */
    public Builder producerProperty(String key, String value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      if (FIXED_PRODUCER_SETTINGS.contains(key)) {
        throw new IllegalArgumentException(
            "the producer property "
                + key
                + " is set by the relay (acks=all, idempotence on, no delivery timeout, its own"
                + " serializers and the builder's bootstrap servers) and cannot be changed");
      }
      producerProperties.put(key, value);
      return this;
    }

    /**
     * Builds the relay and its producer (which connects when it first sends).
     *
     * @return a relay to {@link KafkaRelay#attach attach} to a bus
     * @throws IllegalStateException if no route was given
     */
    public KafkaRelay build() {
      return new KafkaRelay(this, settings());
    }
  }
}
