package dev.eventbus.benchmarks;

import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.kafka.KafkaRelay;
import dev.eventbus.transport.OutboundMessage;
import dev.eventbus.transportsupport.KafkaBroker;
import dev.eventbus.transportsupport.OrderPlaced;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Outbox to Kafka: events per second from a durable bus through {@link KafkaRelay} until the broker
 * acknowledged each, against a raw {@link KafkaProducer} sending the same records (the relay's
 * encoding, key, headers and value; {@code acks=all}, idempotent, {@code linger.ms=0}) to a topic
 * of the same shape, in the same run, on a real broker this benchmark starts (KRaft, one node, in a
 * child JVM: {@link KafkaBroker}).
 *
 * <ul>
 *   <li>{@code unified}, the relay: {@link RelayLoad#BATCH} publishes into the bus (stored in
 *       memory first; each durable publish waits for its append), then waiting until the relay
 *       counted as many acknowledgements. The relay hands each batch to the producer at once and
 *       completes its deliveries once every record was acknowledged. {@link RelayDrainBenchmark}
 *       times the relay alone, on a backlog already stored.
 *   <li>{@code rawProducer}: the same number of records handed to the producer at once, then {@code
 *       flush()}: the client's own batching and pipelining, the ceiling.
 *   <li>{@code rawProducerOneByOne}: each record waited for before the next, which is what a
 *       per-record acknowledgement costs on one thread.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@State(Scope.Benchmark)
public class KafkaRelayBenchmark {

  private static final int PARTITIONS = 3;

  private KafkaBroker broker;
  private UnifiedEventBus bus;
  private KafkaRelay relay;
  private KafkaProducer<String, byte[]> producer;
  private final RelayLoad load = new RelayLoad();
  private final AtomicLong rawFailures = new AtomicLong();

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    broker = KafkaBroker.start(Files.createTempDirectory("eventbus-bench-kafka"));
    broker.createTopic("relayed", PARTITIONS);
    broker.createTopic("raw", PARTITIONS);
    bus = RelayLoad.outbox();
    relay =
        KafkaRelay.builder(broker.bootstrapServers(), RelayLoad.CODEC)
            .route(OrderPlaced.class, "relayed", OrderPlaced::orderId)
            .build();
    relay.attach(bus);
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    bus.stop(Duration.ofSeconds(30));
    relay.close();
    producer.close(Duration.ofSeconds(30));
    broker.close();
  }

  /** Through the Kafka relay; named as the suite's table names the bus's own case. */
  @Benchmark
  @OperationsPerInvocation(RelayLoad.BATCH)
  public void unified() {
    load.relayBatch(bus, () -> relay.stats().acknowledged());
  }

  @Benchmark
  @OperationsPerInvocation(RelayLoad.BATCH)
  public void rawProducer() {
    for (int i = 0; i < RelayLoad.BATCH; i++) {
      producer.send(
          record(load.next()),
          (metadata, failure) -> {
            if (failure != null) {
              rawFailures.incrementAndGet();
            }
          });
    }
    producer.flush();
    RelayLoad.checkNoFailure(rawFailures.get(), "raw producer");
  }

  @Benchmark
  @OperationsPerInvocation(RelayLoad.BATCH)
  public void rawProducerOneByOne() throws Exception {
    for (int i = 0; i < RelayLoad.BATCH; i++) {
      producer.send(record(load.next())).get(30, TimeUnit.SECONDS);
    }
  }

  /** The record the relay makes of an order, to the raw topic. */
  static ProducerRecord<String, byte[]> record(OrderPlaced order) {
    return record(order, "raw");
  }

  /** The record the relay makes of an order, to {@code topic}. */
  static ProducerRecord<String, byte[]> record(OrderPlaced order, String topic) {
    OutboundMessage message = RelayLoad.encode(order);
    RecordHeaders headers = new RecordHeaders();
    message
        .fields()
        .forEach((field, value) -> headers.add(field, value.getBytes(StandardCharsets.UTF_8)));
    return new ProducerRecord<>(topic, null, message.partitionKey(), message.payload(), headers);
  }
}
