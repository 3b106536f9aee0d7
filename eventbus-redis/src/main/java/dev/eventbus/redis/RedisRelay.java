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
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Appends chosen event types from a bus to Redis streams ({@code XADD}). Each route is a tracked
 * subscription of the bus ({@link ProcessingMode#BATCH} on a lane of its own, named {@code
 * redis-relay:<relay name>:<event class>}), so on a bus with storage every event of a routed type
 * is stored with a pending delivery to the relay before {@code publish} returns. The relay appends
 * a batch of a route's events with one script that the server runs whole, in order, with no other
 * client's command in between, and completes their deliveries when the server replied with their
 * ids. A script that fails or times out (server down) fails the batch, which is sent again under
 * the relay's {@linkplain Builder#retryPolicy retry policy} (entries it had appended are appended
 * again; the receiving side drops them by id); batches of one route go out one at a time, so the
 * events of one partition key go out in publish order. An entry the server refuses for good (the
 * key is not a stream) is a dead letter, as are the later entries of its batch, which the script
 * did not try. A delivery left pending at a stop or a crash is made again after the next start, as
 * every tracked delivery is.
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

  /**
   * Appends each entry of a batch to the stream {@code KEYS[1]}; {@code ARGV} holds, per entry, its
   * number of fields and then its fields and values. Returns the ids appended, in order; at the
   * first entry the server does not take it stops and returns that error last, marked with {@code
   * !}.
   */
  private static final String APPEND_SCRIPT =
      String.join(
          "\n",
          "local ids = {}",
          "local at = 1",
          "while at <= #ARGV do",
          "  local fields = tonumber(ARGV[at])",
          "  local id = redis.pcall('XADD', KEYS[1], '*', unpack(ARGV, at + 1, at + 2 * fields))",
          "  if type(id) == 'table' and id.err then",
          "    ids[#ids + 1] = '!' .. id.err",
          "    return ids",
          "  end",
          "  ids[#ids + 1] = id",
          "  at = at + 2 * fields + 1",
          "end",
          "return ids");

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
                  && failure.getMessage() != null
                  && !passing(failure.getMessage()),
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
   * @throws IllegalArgumentException if the bus cannot run {@link ProcessingMode#BATCH}, or a
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

  private Map<Integer, RuntimeException> send(List<OutboundMessage> messages, String stream) {
    return sends.sendAll(
        "stream " + stream, sendTimeout.plusSeconds(5), messages, batch -> append(stream, batch));
  }

  /**
   * Appends a batch with one script, which the server runs whole, without another client's command
   * in between; it stops at the first entry the server does not take. One future per message.
   */
  private List<CompletableFuture<Void>> append(String stream, List<OutboundMessage> batch) {
    List<String> arguments = new ArrayList<>();
    for (OutboundMessage message : batch) {
      Map<String, String> fields = message.fields();
      arguments.add(Integer.toString(fields.size() + 1));
      fields.forEach(
          (field, value) -> {
            arguments.add(field);
            arguments.add(value);
          });
      arguments.add(RedisFields.PAYLOAD);
      arguments.add(new String(message.payload(), StandardCharsets.UTF_8));
    }
    List<CompletableFuture<Void>> confirmations = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      confirmations.add(new CompletableFuture<>());
    }
    RedisFuture<List<Object>> appended =
        redis
            .connection()
            .async()
            .eval(
                APPEND_SCRIPT,
                ScriptOutputType.MULTI,
                new String[] {stream},
                arguments.toArray(String[]::new));
    appended.whenComplete(
        (replies, failure) -> {
          if (failure != null) {
            confirmations.forEach(confirmation -> confirmation.completeExceptionally(failure));
            return;
          }
          settle(confirmations, replies);
        });
    return confirmations;
  }

  /**
   * The script's replies: the ids of the entries it appended, in order, then, if it stopped at an
   * entry the server did not take, that error marked with {@code !}.
   */
  private static void settle(List<CompletableFuture<Void>> confirmations, List<Object> replies) {
    int appended = 0;
    while (appended < replies.size() && !isError(replies.get(appended))) {
      confirmations.get(appended).complete(null);
      appended++;
    }
    if (appended == confirmations.size()) {
      return;
    }
    if (appended == replies.size()) {
      RedisException missing =
          new RedisException(
              "the append script answered for " + appended + " of " + confirmations.size());
      for (int i = appended; i < confirmations.size(); i++) {
        confirmations.get(i).completeExceptionally(missing);
      }
      return;
    }
    String error = replies.get(appended).toString().substring(1);
    confirmations.get(appended).completeExceptionally(new RedisCommandExecutionException(error));
    // The later entries were not tried: an error that may pass sends the batch again; one that will
    // not (about the stream, as every error XADD gives is) would refuse them too.
    RuntimeException notTried =
        passing(error)
            ? new RedisException("not sent after an earlier entry failed: " + error)
            : new RedisCommandExecutionException(
                error + " (not sent: an earlier entry of the batch was refused so)");
    for (int i = appended + 1; i < confirmations.size(); i++) {
      confirmations.get(i).completeExceptionally(notTried);
    }
  }

  private static boolean isError(Object reply) {
    return reply instanceof String text && text.startsWith("!");
  }

  private static boolean passing(String error) {
    return PASSING_ERRORS.stream().anyMatch(error::startsWith);
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
