package dev.eventbus.redis;

import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.transport.Checks;
import dev.eventbus.transport.InboundBuilder;
import dev.eventbus.transport.InboundHandling;
import dev.eventbus.transport.InboundMessage;
import dev.eventbus.transport.InboundSettings;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A member of a Redis consumer group that publishes the entries of its streams into a local bus.
 * The group is created on each stream if missing ({@code XGROUP CREATE <stream> <group> 0
 * MKSTREAM}: a new group reads the stream from its start). Per entry, in stream order, the {@link
 * InboundHandling} every transport shares:
 *
 * <ol>
 *   <li>an event id seen before (in the {@linkplain Builder#processedEvents processed-event log},
 *       scope {@code redis:<group>}) is a duplicate and is dropped;
 *   <li>the payload is read as JSON and decoded through the storage's {@linkplain
 *       DurableStorage#reader() reader} from the type and version the fields name; an entry that
 *       cannot be read is stored as a dead letter with the reason (subscription {@code
 *       redis:<group>:<stream>}, position {@link #position(String)} of the entry id) and passed
 *       over, so it never blocks its stream;
 *   <li>the event is published into the bus, whose {@code publish} returns once the event is
 *       stored; on a bus {@linkplain UnifiedEventBus#hasStorage() without storage}, once every
 *       handler finished, a handler that failed for good leaving the entry pending. Then its id is
 *       marked processed.
 * </ol>
 *
 * An entry is acknowledged ({@code XACK}) only once it is settled so: after the local durable
 * append (without storage: after the handlers), as a duplicate, or as a stored dead letter. A
 * publish that fails (store down, bus stopped) leaves its entry pending and stops its stream there:
 * after {@link Builder#retryBackoff} the consumer reads its own pending entries again from the
 * start of the stream and goes on in order. Entries another consumer of the group read but did not
 * acknowledge for {@link Builder#claimIdleTime} (a consumer that died) are taken over with {@code
 * XAUTOCLAIM} and handled here. Delivery is at least once; duplicates are dropped by event id.
 *
 * <p>Order: one consumer handles a stream's entries in stream order, so per-key order holds end to
 * end when each group has one active consumer per stream (others stand by and take over dead ones'
 * entries). Several active consumers of one group share a stream's entries between them.
 */
public final class RedisInbound implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(RedisInbound.class.getName());

  private static final InboundMessage.Words WORDS =
      new InboundMessage.Words("entry", "field", "payload");

  private final String groupId;
  private final String consumerName;
  private final List<String> streams;
  private final InboundHandling handling;
  private final Duration pollTimeout;
  private final Duration retryBackoff;
  private final Duration claimIdleTime;
  private final int batchSize;
  private final Redis redis;
  private final Thread thread;
  private final Set<String> readOwnPendingFirst = new HashSet<>();
  private final LongAdder claimed = new LongAdder();
  private final LongAdder redisFailures = new LongAdder();
  private volatile boolean running = true;
  private volatile boolean groupsReady;

  private RedisInbound(Builder builder, InboundSettings settings) {
    this.groupId = settings.groupId();
    this.consumerName = builder.consumerName;
    this.streams = settings.channels();
    this.pollTimeout = settings.pollTimeout();
    this.retryBackoff = settings.retryBackoff();
    this.claimIdleTime = builder.claimIdleTime;
    this.batchSize = builder.batchSize;
    if (builder.commandTimeout.compareTo(pollTimeout) <= 0) {
      throw new IllegalArgumentException(
          "commandTimeout must be longer than pollTimeout ("
              + pollTimeout
              + ") but was "
              + builder.commandTimeout);
    }
    this.handling = settings.handling(WORDS, UndecodableEntryException::new);
    this.redis = new Redis(builder.redisUri, builder.commandTimeout);
    this.readOwnPendingFirst.addAll(streams);
    this.thread = new Thread(this::run, "eventbus-redis-inbound-" + groupId);
    this.thread.setDaemon(true);
  }

  /**
   * A builder.
   *
   * @param redisUri the server, as {@code redis://host:port}
   * @param groupId the consumer group
   * @param bus the bus events are published into
   * @param storage the bus's storage (for a bus without storage, one that only decodes and keeps
   *     the inbound side's dead letters): decodes entries (codec and upcasters) and keeps the dead
   *     letters
   * @return a builder with no streams
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code redisUri} or {@code groupId} is blank
   */
  public static Builder builder(
      String redisUri, String groupId, UnifiedEventBus bus, DurableStorage storage) {
    return new Builder(Checks.notBlank("redisUri", redisUri), groupId, bus, storage);
  }

  private void run() {
    long nextClaim = 0;
    while (running) {
      try {
        RedisCommands<String, String> commands = redis.connection().sync();
        if (!groupsReady) {
          createGroups(commands);
          groupsReady = true;
        }
        boolean stuck = false;
        if (System.nanoTime() - nextClaim >= 0) {
          for (String stream : streams) {
            stuck |= !claimIdle(commands, stream);
          }
          nextClaim = System.nanoTime() + claimInterval().toNanos();
        }
        for (String stream : streams) {
          if (readOwnPendingFirst.contains(stream)) {
            List<StreamMessage<String, String>> own =
                commands.xreadgroup(
                    Consumer.from(groupId, consumerName),
                    XReadArgs.Builder.count(batchSize),
                    offsets(List.of(XReadArgs.StreamOffset.from(stream, "0"))));
            if (own.isEmpty()) {
              readOwnPendingFirst.remove(stream);
            } else {
              stuck |= !handleAll(commands, stream, own);
            }
          }
        }
        if (!stuck) {
          readNew(commands);
        } else {
          TimeUnit.MILLISECONDS.sleep(retryBackoff.toMillis());
        }
      } catch (RedisException e) {
        if (!running) {
          break;
        }
        redisFailures.increment();
        readOwnPendingFirst.addAll(streams);
        LOG.log(
            System.Logger.Level.WARNING,
            "Redis inbound " + groupId + ": " + e + "; tried again in " + retryBackoff);
        if (!pause()) {
          break;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "Redis inbound " + groupId + " stopped", e);
        break;
      }
    }
  }

  private boolean pause() {
    try {
      TimeUnit.MILLISECONDS.sleep(retryBackoff.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Duration claimInterval() {
    Duration half = claimIdleTime.dividedBy(2);
    return half.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : half;
  }

  private void createGroups(RedisCommands<String, String> commands) {
    for (String stream : streams) {
      try {
        commands.xgroupCreate(
            XReadArgs.StreamOffset.from(stream, "0"),
            groupId,
            XGroupCreateArgs.Builder.mkstream(true));
      } catch (RedisBusyException exists) {
        // BUSYGROUP: the group is there already
      }
    }
  }

  /** The offsets as the array lettuce's varargs take, without a generic array creation. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static XReadArgs.StreamOffset<String>[] offsets(
      List<XReadArgs.StreamOffset<String>> offsets) {
    return offsets.toArray(new XReadArgs.StreamOffset[0]);
  }

  private void readNew(RedisCommands<String, String> commands) {
    List<StreamMessage<String, String>> entries =
        commands.xreadgroup(
            Consumer.from(groupId, consumerName),
            XReadArgs.Builder.block(pollTimeout).count(batchSize),
            offsets(streams.stream().map(XReadArgs.StreamOffset::lastConsumed).toList()));
    Map<String, List<StreamMessage<String, String>>> byStream = new LinkedHashMap<>();
    for (StreamMessage<String, String> entry : entries) {
      byStream.computeIfAbsent(entry.getStream(), s -> new ArrayList<>()).add(entry);
    }
    byStream.forEach((stream, list) -> handleAll(commands, stream, list));
  }

  /** Takes over entries idle for longer than the claim idle time; false if one was held. */
  private boolean claimIdle(RedisCommands<String, String> commands, String stream) {
    String start = "0-0";
    for (int round = 0; round < 10; round++) {
      ClaimedMessages<String, String> result =
          commands.xautoclaim(
              stream,
              XAutoClaimArgs.Builder.<String>xautoclaim(
                      Consumer.from(groupId, consumerName), claimIdleTime, start)
                  .count(batchSize));
      List<StreamMessage<String, String>> entries = result.getMessages();
      claimed.add(entries.size());
      if (!handleAll(commands, stream, entries)) {
        return false;
      }
      start = result.getId();
      if ("0-0".equals(start)) {
        break;
      }
    }
    return true;
  }

  /**
   * Handles entries of one stream in order, acknowledging each settled one; false (and the stream's
   * own pending entries read again next) at the first one held.
   */
  private boolean handleAll(
      RedisCommands<String, String> commands,
      String stream,
      List<StreamMessage<String, String>> entries) {
    for (StreamMessage<String, String> entry : entries) {
      Map<String, String> body = entry.getBody() == null ? Map.of() : entry.getBody();
      String payload = body.get(RedisFields.PAYLOAD);
      InboundMessage message =
          new InboundMessage(
              stream + "@" + entry.getId(),
              position(entry.getId()),
              Instant.ofEpochMilli(millis(entry.getId())),
              body::get,
              payload == null ? null : payload.getBytes(StandardCharsets.UTF_8));
      if (!handling.handle(message, deadLetterSubscription(stream)).settled()) {
        readOwnPendingFirst.add(stream);
        return false;
      }
      commands.xack(stream, groupId, entry.getId());
    }
    return true;
  }

  /**
   * The position an entry id stands for in dead letters and decoded events: the id's milliseconds
   * times 65,536 plus its sequence number, so positions keep the stream's order (sequence numbers
   * above 65,535 within one millisecond share the last position).
   *
   * @param entryId a stream entry id, {@code <milliseconds>-<sequence>}
   * @return a position {@code >= 1}
   * @throws IllegalArgumentException if the id is not an entry id
   */
  public static long position(String entryId) {
    int dash = entryId.indexOf('-');
    try {
      long millis = Long.parseLong(entryId.substring(0, dash));
      long sequence = Long.parseLong(entryId.substring(dash + 1));
      return Math.max(1, millis * 65_536 + Math.min(sequence, 65_535));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a stream entry id: " + entryId, e);
    }
  }

  private static long millis(String entryId) {
    return Long.parseLong(entryId.substring(0, entryId.indexOf('-')));
  }

  /**
   * The subscription name of the dead letters this group stores for a stream.
   *
   * @param stream a consumed stream
   * @return {@code redis:<group>:<stream>}
   */
  public String deadLetterSubscription(String stream) {
    return "redis:" + groupId + ":" + stream;
  }

  /**
   * Starts consuming on a thread of its own.
   *
   * @return this
   * @throws IllegalStateException if started already or closed
   */
  public synchronized RedisInbound start() {
    if (!running || thread.getState() != Thread.State.NEW) {
      throw new IllegalStateException(
          "the Redis inbound of group " + groupId + " is started already or closed");
    }
    thread.start();
    return this;
  }

  /**
   * The consumer's name in its group.
   *
   * @return the name
   */
  public String consumerName() {
    return consumerName;
  }

  /**
   * The counts so far.
   *
   * @return published, duplicates, dead letters, failed publishes, claimed entries, Redis failures
   */
  public Stats stats() {
    return new Stats(
        handling.published(),
        handling.duplicates(),
        handling.deadLettered(),
        handling.publishFailures(),
        claimed.sum(),
        redisFailures.sum());
  }

  /**
   * Stops consuming: the entry being handled is finished and acknowledged, and the connection is
   * closed; entries read but not handled stay pending for this consumer (or, after the claim idle
   * time, for another). Waits up to ten seconds. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (!running) {
      return;
    }
    running = false;
    if (thread.getState() != Thread.State.NEW) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    redis.close();
  }

  /**
   * The inbound side's counts.
   *
   * @param published entries published into the bus
   * @param duplicates entries dropped because their event id was processed before
   * @param deadLettered entries stored as dead letters, undecodable
   * @param publishFailures entries whose publish (or duplicate check, or dead-letter store) failed
   *     and was tried again
   * @param claimed entries taken over from idle consumers with {@code XAUTOCLAIM}
   * @param redisFailures commands that failed (server down) and were tried again
   */
  public record Stats(
      long published,
      long duplicates,
      long deadLettered,
      long publishFailures,
      long claimed,
      long redisFailures) {}

  /**
   * Configures a {@link RedisInbound}: the settings every inbound side has ({@link InboundBuilder}:
   * processed-event log, poll timeout, retry backoff, context propagator), its streams, its
   * consumer name, claim idle time, command timeout and batch size.
   */
  public static final class Builder extends InboundBuilder<Builder> {

    private final String redisUri;
    private String consumerName = "consumer-" + UUID.randomUUID();
    private Duration claimIdleTime = Duration.ofMinutes(1);
    private Duration commandTimeout = Duration.ofSeconds(10);
    private int batchSize = 100;

    private Builder(String redisUri, String groupId, UnifiedEventBus bus, DurableStorage storage) {
      super("Redis", "stream", groupId, bus, storage);
      this.redisUri = redisUri;
    }

    /**
     * Adds streams to consume.
     *
     * @param keys the streams' keys
     * @return this builder
     * @throws IllegalArgumentException if a key is blank
     */
    public Builder streams(String... keys) {
      return addChannels(keys);
    }

    /**
     * The consumer's name in the group; default {@code consumer-<random UUID>}. A stable name lets
     * a restarted process take its own pending entries back at once instead of after the claim idle
     * time.
     *
     * @param consumerName not blank
     * @return this builder
     * @throws IllegalArgumentException if blank
     */
    public Builder consumerName(String consumerName) {
      this.consumerName = Checks.notBlank("consumerName", consumerName);
      return this;
    }

    /**
     * How long an entry stays unacknowledged with another consumer of the group before this one
     * takes it over ({@code XAUTOCLAIM}'s min-idle-time); default one minute. Checked every half of
     * it (at most every 100 ms).
     *
     * @param claimIdleTime positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder claimIdleTime(Duration claimIdleTime) {
      this.claimIdleTime = Checks.positive("claimIdleTime", claimIdleTime);
      return this;
    }

    /**
     * How long one command may take until the server replies; longer than the poll timeout; default
     * 10 s.
     *
     * @param commandTimeout positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder commandTimeout(Duration commandTimeout) {
      this.commandTimeout = Checks.positive("commandTimeout", commandTimeout);
      return this;
    }

    /**
     * How many entries one read takes at most; default 100.
     *
     * @param batchSize from 1 to 10,000
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1 || batchSize > 10_000) {
        throw new IllegalArgumentException(
            "batchSize must be between 1 and 10000 but was " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /**
     * Builds the consumer; {@link #start()} starts it (and creates the groups, once the server
     * answers).
     *
     * @return the inbound side, not started
     * @throws IllegalStateException if no stream was given
     * @throws IllegalArgumentException if the command timeout is not longer than the poll timeout,
     *     or the URI is not a Redis URI
     */
    public RedisInbound build() {
      return new RedisInbound(this, settings());
    }
  }
}
