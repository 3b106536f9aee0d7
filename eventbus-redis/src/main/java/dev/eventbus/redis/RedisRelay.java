package dev.eventbus.redis;

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
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Appends chosen event types from a bus to Redis streams ({@code XADD}). Each route is a tracked
 * subscription of the bus ({@link ProcessingMode#ASYNC}, named {@code redis-relay:<relay
 * name>:<event class>}), so on a bus with storage every event of a routed type is stored with a
 * pending delivery to the relay before {@code publish} returns. The relay's handler completes that
 * delivery only when the server replied with the entry's id; a command that fails or times out
 * (server down) fails the delivery, which is tried again under the relay's {@linkplain
 * Builder#retryPolicy retry policy} while it holds its lane (one of the relay's own: other
 * subscriptions of the bus go on), so the events of one partition key go out in publish order. A
 * delivery left pending at a stop or a crash is made again after the next start, as every tracked
 * delivery is.
 *
 * <p>An entry: the route's stream; the fields of {@link RedisFields} (id, type, version, partition
 * key and the publisher's trace when present, the codec's data as JSON). The relay never trims:
 * {@link RedisStreamTrimmer} does, without dropping unacknowledged entries.
 *
 * <pre>{@code
 * RedisRelay relay = RedisRelay.builder("redis://localhost:6379", codec)
 *     .route(OrderPlaced.class, "orders", OrderPlaced::orderId)   // by configuration
 *     .route(PaymentTaken.class, PaymentTaken::paymentId)         // stream from @RedisStream
 *     .build();
 * relay.attach(bus);
 * }</pre>
 */
public final class RedisRelay implements AutoCloseable {

  /** The prefix of the relay's subscription names. */
  public static final String SUBSCRIPTION_PREFIX = "redis-relay:";

  /** Error replies that may pass: the entry is tried again. */
  private static final List<String> PASSING_ERRORS =
      List.of("LOADING", "BUSY", "OOM", "MASTERDOWN", "READONLY", "TRYAGAIN", "CLUSTERDOWN");

  private final RelaySettings settings;
  private final String name;
  private final Duration sendTimeout;
  private final Redis redis;
  private final RelaySends sends =
      new RelaySends(
          "server",
          RedisException.class,
          failure ->
              failure instanceof RedisCommandExecutionException
                  && PASSING_ERRORS.stream()
                      .noneMatch(prefix -> startsWith(failure.getMessage(), prefix)),
          RedisSendException::new,
          RedisEntryRefusedException::new);

  private RedisRelay(Builder builder, RelaySettings settings) {
    this.settings = settings;
    this.name = settings.name();
    this.sendTimeout = builder.sendTimeout;
    this.redis = new Redis(builder.redisUri, sendTimeout);
  }

  /**
   * A builder.
   *
   * @param redisUri the server, as {@code redis://host:port} (lettuce's URI syntax)
   * @param codec encodes each event's data; the same codec (or one that knows the same types)
   *     decodes it on the other side
   * @return a builder with no routes
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code redisUri} is blank
   */
  public static Builder builder(String redisUri, EventCodec codec) {
    return new Builder(Checks.notBlank("redisUri", redisUri), codec);
  }

  /**
   * Subscribes one tracked subscription per route to {@code bus}.
   *
   * @param bus the bus whose events of the routed types go out
   * @return the subscriptions, in route order
   * @throws IllegalStateException if the relay is attached already or closed
   * @throws IllegalArgumentException if the bus cannot run {@link ProcessingMode#ASYNC}, or a
   *     subscription of the same name exists
   */
  public List<Subscription> attach(UnifiedEventBus bus) {
    return settings.attach(
        SUBSCRIPTION_PREFIX, bus, RedisSendException.class, sends::refuse, this::send);
  }

  /**
   * The name of the subscription a relay named {@code relayName} has for {@code eventClass}.
   *
   * @param relayName the relay's {@linkplain Builder#name name}
   * @param eventClass a routed class
   * @return {@code redis-relay:<relayName>:<class name>}
   */
  public static String subscriptionName(String relayName, Class<?> eventClass) {
    return RelayRoutes.subscriptionName(SUBSCRIPTION_PREFIX, relayName, eventClass);
  }

  private void send(OutboundMessage message, String stream) {
    Map<String, String> body = new LinkedHashMap<>(message.fields());
    body.put(RedisFields.PAYLOAD, new String(message.payload(), StandardCharsets.UTF_8));
    sends.send(
        message.describe() + " to stream " + stream,
        sendTimeout.plusSeconds(5),
        () -> redis.connection().async().xadd(stream, body));
  }

  private static boolean startsWith(@Nullable String message, String prefix) {
    return message != null && message.startsWith(prefix);
  }

  /**
   * The relay's counts so far.
   *
   * @return attempts, confirmations, failures and refusals
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
   * Closes the relay's subscriptions (their pending deliveries stay in the store) and the
   * connection. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (settings.close()) {
      redis.close();
    }
  }

  /**
   * The relay's counts.
   *
   * @param sendAttempts {@code XADD}s sent, every retry counted
   * @param acknowledged entries the server confirmed with their id
   * @param failedSends sends that failed for a reason that may pass; their deliveries are tried
   *     again
   * @param refused events refused for good (no id, an error reply that will not pass): dead letters
   */
  public record Stats(long sendAttempts, long acknowledged, long failedSends, long refused) {}

  /**
   * Configures a {@link RedisRelay}: the settings every relay has ({@link RelayBuilder}: name,
   * routes to streams by configuration or {@link RedisStream}, retry policy, context propagator)
   * and the send timeout. Only {@link RedisSendException}s are retried; refused entries are dead
   * letters at once.
   */
  public static final class Builder extends RelayBuilder<Builder> {

    private final String redisUri;
    private Duration sendTimeout = Duration.ofSeconds(10);

    private Builder(String redisUri, EventCodec codec) {
      super("Redis", "stream", RedisStream.class, RedisStream::value, codec);
      this.redisUri = redisUri;
    }

    /**
     * How long one {@code XADD} may take until the server replies (lettuce's command timeout);
     * default 10 s.
     *
     * @param sendTimeout at least 100 ms
     * @return this builder
     * @throws IllegalArgumentException if below 100 ms
     */
    public Builder sendTimeout(Duration sendTimeout) {
      Objects.requireNonNull(sendTimeout, "sendTimeout");
      if (sendTimeout.compareTo(Duration.ofMillis(100)) < 0) {
        throw new IllegalArgumentException("sendTimeout must be >= 100 ms but was " + sendTimeout);
      }
      this.sendTimeout = sendTimeout;
      return this;
    }

    /**
     * Builds the relay (which connects when it first sends).
     *
     * @return a relay to {@link RedisRelay#attach attach} to a bus
     * @throws IllegalStateException if no route was given
     * @throws IllegalArgumentException if the URI is not a Redis URI
     */
    public RedisRelay build() {
      return new RedisRelay(this, settings());
    }
  }
}
