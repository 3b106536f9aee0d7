package dev.eventbus.kafka;

import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.transport.Checks;
import dev.eventbus.transport.InboundBuilder;
import dev.eventbus.transport.InboundHandling;
import dev.eventbus.transport.InboundMessage;
import dev.eventbus.transport.InboundSettings;
import dev.eventbus.transport.MessageFields;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;

/**
 * A Kafka consumer group member that publishes the records of its topics into a local bus. Per
 * record, in partition order:
 *
 * <ol>
 *   <li>an event id seen before (in the {@linkplain Builder#processedEvents processed-event log},
 *       scope {@code kafka:<group>}) is a duplicate and is dropped;
 *   <li>the value is read as JSON and decoded through the storage's {@linkplain
 *       DurableStorage#reader() reader} (upcasters, then the codec) from the type and version the
 *       headers name; a record that cannot be read is stored as a dead letter with the reason
 *       (subscription {@code kafka:<group>:<topic>-<partition>}, position = offset + 1) and passed
 *       over, so it never blocks its partition;
 *   <li>the event is published into the bus, whose {@code publish} returns once the event is
 *       stored; on a bus {@linkplain UnifiedEventBus#hasStorage() without storage}, once every
 *       handler finished, a handler that failed for good leaving the record to be tried again. Then
 *       its id is marked processed.
 * </ol>
 *
 * Offsets are committed after each poll's records were handled, per partition up to the last one
 * handled. A publish that fails (store down, bus stopped) stops its partition at that record: the
 * consumer seeks back to it and tries again after {@link Builder#retryBackoff}, committing nothing
 * past it. Delivery is at least once: a crash between the publish and the mark publishes the event
 * again.
 */
public final class KafkaInbound implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(KafkaInbound.class.getName());

  private static final InboundMessage.Words WORDS =
      new InboundMessage.Words("record", "header", "value");

  private static final Set<String> FIXED_CONSUMER_SETTINGS =
      Set.of(
          ConsumerConfig.GROUP_ID_CONFIG,
          ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
          ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
          ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG);

  private final String groupId;
  private final List<String> topics;
  private final InboundHandling handling;
  private final Duration pollTimeout;
  private final Duration retryBackoff;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Thread thread;
  private final LongAdder commitFailures = new LongAdder();
  private volatile boolean running = true;

  private KafkaInbound(Builder builder, InboundSettings settings) {
    this.groupId = settings.groupId();
    this.topics = settings.channels();
    this.pollTimeout = settings.pollTimeout();
    this.retryBackoff = settings.retryBackoff();
    this.handling = settings.handling(WORDS, UndecodableRecordException::new);
    Properties properties = new Properties();
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "eventbus-inbound-" + groupId);
    properties.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
    properties.putAll(builder.consumerProperties);
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, builder.bootstrapServers);
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    this.consumer =
        new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
    this.thread = new Thread(this::run, "eventbus-kafka-inbound-" + groupId);
    this.thread.setDaemon(true);
  }

  /**
   * A builder.
   *
   * @param bootstrapServers the brokers, as Kafka's {@code bootstrap.servers}
   * @param groupId the consumer group
   * @param bus the bus events are published into
   * @param storage the bus's storage: decodes records (codec and upcasters) and keeps the dead
   *     letters; for a bus without storage, a storage that only does that (over an {@code
   *     InMemoryEventStore} to keep the dead letters in memory)
   * @return a builder with no topics
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code bootstrapServers} or {@code groupId} is blank
   */
  public static Builder builder(
      String bootstrapServers, String groupId, UnifiedEventBus bus, DurableStorage storage) {
    return new Builder(
        Checks.notBlank("bootstrapServers", bootstrapServers), groupId, bus, storage);
  }

  private void run() {
    Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
    try {
      consumer.subscribe(topics);
      while (running) {
        ConsumerRecords<String, byte[]> records = consumer.poll(pollTimeout);
        boolean stuck = false;
        for (TopicPartition partition : records.partitions()) {
          for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
            if (!handle(record)) {
              consumer.seek(partition, record.offset());
              stuck = true;
              break;
            }
            uncommitted.put(partition, new OffsetAndMetadata(record.offset() + 1));
          }
        }
        commit(uncommitted);
        if (stuck) {
          TimeUnit.MILLISECONDS.sleep(retryBackoff.toMillis());
        }
      }
    } catch (WakeupException e) {
      if (running) {
        LOG.log(
            System.Logger.Level.ERROR, "Kafka inbound " + groupId + " woken up while running", e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "Kafka inbound " + groupId + " stopped", e);
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  /**
   * Commits the offsets after the records handled so far. A commit that times out (broker down) is
   * tried again after the next poll, with whatever was handled meanwhile; one the group refuses
   * (the partitions went to another member in a rebalance) is given up: the new owner reads those
   * records again and drops them as duplicates.
   */
  private void commit(Map<TopicPartition, OffsetAndMetadata> uncommitted) {
    if (uncommitted.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(uncommitted);
      uncommitted.clear();
    } catch (RetriableException e) {
      commitFailures.increment();
      LOG.log(
          System.Logger.Level.WARNING,
          "Kafka inbound " + groupId + ": committing " + uncommitted + " failed; tried again",
          e);
    } catch (CommitFailedException | RebalanceInProgressException e) {
      commitFailures.increment();
      LOG.log(
          System.Logger.Level.WARNING,
          "Kafka inbound "
              + groupId
              + ": the group refused the commit of "
              + uncommitted
              + " after a rebalance; their new owner reads them again",
          e);
      uncommitted.clear();
    }
  }

  /** Whether the record is settled (published, dropped as a duplicate, or a dead letter). */
  private boolean handle(ConsumerRecord<String, byte[]> record) {
    InboundMessage message =
        new InboundMessage(
            record.topic() + "-" + record.partition() + "@" + record.offset(),
            record.offset() + 1,
            Instant.ofEpochMilli(Math.max(0, record.timestamp())),
            name -> name.equals(MessageFields.PARTITION_KEY) ? record.key() : header(record, name),
            record.value());
    return handling
        .handle(message, deadLetterSubscription(record.topic(), record.partition()))
        .settled();
  }

  /**
   * The subscription name of the dead letters this group stores for a topic's partition.
   *
   * @param topic a consumed topic
   * @param partition one of its partitions
   * @return {@code kafka:<group>:<topic>-<partition>}
   */
  public String deadLetterSubscription(String topic, int partition) {
    return "kafka:" + groupId + ":" + topic + "-" + partition;
  }

  private static @Nullable String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  /**
   * Starts consuming on a thread of its own.
   *
   * @return this
   * @throws IllegalStateException if started already or closed
   */
  public synchronized KafkaInbound start() {
    if (!running || thread.getState() != Thread.State.NEW) {
      throw new IllegalStateException(
          "the Kafka inbound of group " + groupId + " is started already or closed");
    }
    thread.start();
    return this;
  }

  /**
   * The counts so far.
   *
   * @return published, duplicates, dead letters and failed publishes
   */
  public Stats stats() {
    return new Stats(
        handling.published(),
        handling.duplicates(),
        handling.deadLettered(),
        handling.publishFailures(),
        commitFailures.sum());
  }

  /**
   * Stops consuming: the record being handled is finished, offsets of handled records are
   * committed, and the consumer leaves the group. Waits up to ten seconds. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (!running) {
      return;
    }
    running = false;
    if (thread.getState() == Thread.State.NEW) {
      consumer.close(CloseOptions.timeout(Duration.ZERO));
      return;
    }
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The inbound side's counts.
   *
   * @param published records published into the bus
   * @param duplicates records dropped because their event id was processed before
   * @param deadLettered records stored as dead letters, undecodable
   * @param publishFailures records whose publish (or duplicate check, or dead-letter store) failed
   *     and was tried again
   * @param commitFailures offset commits that failed (tried again, or given up after a rebalance)
   */
  public record Stats(
      long published,
      long duplicates,
      long deadLettered,
      long publishFailures,
      long commitFailures) {}

  /**
   * Configures a {@link KafkaInbound}: the settings every inbound side has ({@link InboundBuilder}:
   * processed-event log, poll timeout, retry backoff, context propagator), its topics and consumer
   * properties.
   */
  public static final class Builder extends InboundBuilder<Builder> {

    private final String bootstrapServers;
    private final Map<String, String> consumerProperties = new LinkedHashMap<>();

    private Builder(
        String bootstrapServers, String groupId, UnifiedEventBus bus, DurableStorage storage) {
      super("Kafka", "topic", groupId, bus, storage);
      this.bootstrapServers = bootstrapServers;
    }

    /**
     * Adds topics to consume.
     *
     * @param names the topics
     * @return this builder
     * @throws IllegalArgumentException if a topic is blank
     */
    public Builder topics(String... names) {
      return addChannels(names);
    }

    /**
     * Sets a consumer property (see Kafka's consumer configuration); {@code auto.offset.reset} is
     * {@code earliest} unless set here.
     *
     * @param key the property's name
     * @param value its value
     * @return this builder
     * @throws IllegalArgumentException for {@code group.id}, {@code enable.auto.commit}, the
     *     deserializers and {@code bootstrap.servers}, which the inbound side sets itself
     */
    public Builder consumerProperty(String key, String value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      if (FIXED_CONSUMER_SETTINGS.contains(key)) {
        throw new IllegalArgumentException(
            "the consumer property "
                + key
                + " is set by the inbound side (its group, manual commits after the local"
                + " publish, its own deserializers and the builder's bootstrap servers) and"
                + " cannot be changed");
      }
      consumerProperties.put(key, value);
      return this;
    }

    /**
     * Builds the consumer; {@link #start()} starts it.
     *
     * @return the inbound side, not started
     * @throws IllegalStateException if no topic was given
     */
    public KafkaInbound build() {
      return new KafkaInbound(this, settings());
    }
  }
}
