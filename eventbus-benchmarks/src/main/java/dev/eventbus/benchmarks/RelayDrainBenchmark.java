package dev.eventbus.benchmarks;

import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.EventCodec;
import dev.eventbus.api.spi.NewEvent;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.durable.InMemoryEventStore;
import dev.eventbus.kafka.KafkaRelay;
import dev.eventbus.processors.EventBusFactory;
import dev.eventbus.redis.RedisRelay;
import dev.eventbus.transportsupport.KafkaBroker;
import dev.eventbus.transportsupport.OrderPlaced;
import dev.eventbus.transportsupport.RedisServer;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The relay itself, outbox to broker: an outbox ({@link InMemoryEventStore}) holds {@link #BACKLOG}
 * events, each with a pending delivery to the relay's subscription (as after an outage of the
 * broker, or a restart with a backlog); one shot starts a bus on it with the relay attached (its
 * default batch size) and ends when the broker confirmed every event. Against the raw client
 * sending the same records in the same run: all handed over at once, then {@code flush()} (Kafka)
 * or waiting for every reply (Redis). Each shot starts cold on both sides: a new producer or
 * connection, which connects on its first send. Publishing into the outbox is outside the time
 * ({@link KafkaRelayBenchmark} and {@link RedisRelayBenchmark} time it too, and a durable publish
 * waits for its append). The score is milliseconds per shot; events per second are {@link #BACKLOG}
 * divided by it.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@State(Scope.Benchmark)
public class RelayDrainBenchmark {

  /** Events in the outbox at the start of each shot. */
  static final int BACKLOG = 20_000;

  private static final int PARTITIONS = 3;

  @Param({"kafka", "redis"})
  public String transport;

  private KafkaBroker broker;
  private RedisServer server;
  private final List<OrderPlaced> orders = new ArrayList<>(BACKLOG);
  private UnifiedEventBus bus;
  private AutoCloseable relay;
  private LongSupplier confirmed;
  private KafkaProducer<String, byte[]> producer;
  private RedisClient client;
  private int shot;

  @Setup(Level.Trial)
  public void startServer() throws Exception {
    for (int i = 1; i <= BACKLOG; i++) {
      orders.add(new OrderPlaced("order-" + i, "account-" + (i % RelayLoad.KEYS), i));
    }
    if (transport.equals("kafka")) {
      broker = KafkaBroker.start(Files.createTempDirectory("eventbus-bench-drain"));
    } else {
      server = RedisServer.start(false);
    }
  }

  /** A new outbox holding the backlog, a bus on it (not started) with the relay, a raw client. */
  @Setup(Level.Iteration)
  public void fillOutbox() throws Exception {
    shot++;
    String relayed = "relayed-" + shot;
    InMemoryEventStore store = InMemoryEventStore.create();
    String subscription =
        transport.equals("kafka")
            ? KafkaRelay.subscriptionName("kafka", OrderPlaced.class)
            : RedisRelay.subscriptionName("redis", OrderPlaced.class);
    List<NewEvent> pending = new ArrayList<>(BACKLOG);
    Instant now = Instant.now();
    for (OrderPlaced order : orders) {
      EventCodec.EncodedEvent encoded = RelayLoad.CODEC.encode(order);
      pending.add(
          new NewEvent(
              UUID.randomUUID(),
              encoded.eventType(),
              encoded.version(),
              now,
              order.account(),
              Map.of(),
              encoded.data(),
              List.of(subscription)));
    }
    store.append(pending);
    bus =
        EventBusFactory.builder()
            .storage(DurableStorage.builder(store, RelayLoad.CODEC).build())
            .autoStart(false)
            .build();
    if (transport.equals("kafka")) {
      broker.createTopic(relayed, PARTITIONS);
      broker.createTopic("raw-" + shot, PARTITIONS);
      KafkaRelay kafka =
          KafkaRelay.builder(broker.bootstrapServers(), RelayLoad.CODEC)
              .route(OrderPlaced.class, relayed, OrderPlaced::orderId)
              .build();
      kafka.attach(bus);
      relay = kafka;
      confirmed = () -> kafka.stats().acknowledged();
      Properties properties = new Properties();
      properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
      properties.put(ProducerConfig.ACKS_CONFIG, "all");
      properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
      properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
      producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    } else {
      RedisRelay redis =
          RedisRelay.builder(server.uri(), RelayLoad.CODEC)
              .route(OrderPlaced.class, relayed, OrderPlaced::orderId)
              .build();
      redis.attach(bus);
      relay = redis;
      confirmed = () -> redis.stats().acknowledged();
      client = RedisClient.create(server.uri());
    }
  }

  @TearDown(Level.Iteration)
  public void closeShot() throws Exception {
    bus.stop(Duration.ofSeconds(30));
    relay.close();
    if (producer != null) {
      producer.close(Duration.ofSeconds(30));
      producer = null;
    }
    if (client != null) {
      try (StatefulRedisConnection<String, String> connection = client.connect()) {
        connection.sync().flushall();
      }
      client.shutdown();
      client = null;
    }
  }

  @TearDown(Level.Trial)
  public void stopServer() {
    if (broker != null) {
      broker.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** The relay drains the outbox. */
  @Benchmark
  public void relay() {
    bus.start();
    RelayLoad.awaitConfirmed(confirmed, BACKLOG, transport + " relay");
  }

  /** The raw client sends the same records, pipelined. */
  @Benchmark
  public void rawClient() throws Exception {
    if (transport.equals("kafka")) {
      AtomicLong failures = new AtomicLong();
      for (OrderPlaced order : orders) {
        producer.send(
            KafkaRelayBenchmark.record(order, "raw-" + shot),
            (metadata, failure) -> {
              if (failure != null) {
                failures.incrementAndGet();
              }
            });
      }
      producer.flush();
      RelayLoad.checkNoFailure(failures.get(), "raw producer");
    } else {
      try (StatefulRedisConnection<String, String> connection = client.connect()) {
        List<RedisFuture<String>> replies = new ArrayList<>(BACKLOG);
        for (OrderPlaced order : orders) {
          replies.add(connection.async().xadd("raw", RedisRelayBenchmark.entry(order)));
        }
        if (!LettuceFutures.awaitAll(
            Duration.ofSeconds(60), replies.toArray(new RedisFuture<?>[0]))) {
          throw new IllegalStateException("raw XADD: not every reply within 60 s");
        }
        RelayLoad.checkNoFailure(
            replies.stream().filter(reply -> reply.getError() != null).count(), "raw XADD");
      }
    }
  }
}
