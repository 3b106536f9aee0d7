package dev.eventbus.transportchaos;

import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.ShutdownReport;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.EventCodec;
import dev.eventbus.api.spi.ProcessedEventLog;
import dev.eventbus.codec.jackson.JacksonEventCodec;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.durable.InMemoryEventStore;
import dev.eventbus.kafka.KafkaInbound;
import dev.eventbus.kafka.KafkaRelay;
import dev.eventbus.processors.EventBusFactory;
import dev.eventbus.redis.RedisInbound;
import dev.eventbus.redis.RedisRelay;
import dev.eventbus.store.jdbc.JdbcDatabase;
import dev.eventbus.store.jdbc.SharedStoreWorkload;
import dev.eventbus.store.jdbc.SharedStoreWorkload.OrderPlaced;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * One application instance of a transport chaos test ({@link TransportChaos}). A durable bus on the
 * shared PostgreSQL store sends {@link OrderPlaced} through the transport's relay (a tracked
 * subscription: the outbox); for each consumer group of {@link #GROUPS}, the transport's inbound
 * side (a member of that group) publishes what it receives into a receiving bus, whose synchronous
 * subscription appends each event to {@code delivered-<group>-<pid>.log} as {@code <order id>
 * <publisher pid> <key> <seq>} before the inbound side marks it processed (in the store's
 * processed-event log, shared by the group's members) and acknowledges it to the transport. So that
 * log is what the group's member in this process consumed, in the order it consumed it.
 *
 * <p>{@code run}: publishes as {@link SharedStoreWorkload}'s instances do (an order row and its
 * event in one transaction, four in five committed, the others rolled back and logged to {@code
 * rolledback-<pid>.log}; keys of this process's own), paced. When the file {@code stop} appears it
 * stops publishing and prints {@code publishing stopped}; the relay and the consumers go on until
 * the file {@code done} appears: then it stops the inbound sides, drains the bus, closes the
 * database (giving its lease up) and exits 0.
 *
 * <p>Arguments: {@code run DIR URL USER PASSWORD LEASE_MILLIS kafka|redis ENDPOINT CHANNEL NAME
 * CLAIM_IDLE_MILLIS}, the endpoint being the bootstrap servers or the Redis URI, the channel the
 * topic or stream, the claim idle time that of the Redis consumers.
 */
public final class ChaosWorkload {

  /** The consumer groups every instance is a member of. */
  static final List<String> GROUPS = List.of("ledger", "audit");

  /** Between two business transactions: a steady load the relay can keep up with. */
  private static final long PUBLISH_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private ChaosWorkload() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[1]);
    String url = args[2];
    String transport = args[6];
    String endpoint = args[7];
    String channel = args[8];
    String name = args[9];
    Duration claimIdle = Duration.ofMillis(Long.parseLong(args[10]));
    long pid = ProcessHandle.current().pid();
    JdbcDatabase database =
        SharedStoreWorkload.openDatabase(
            url, args[3], args[4], name + "-" + pid, Long.parseLong(args[5]));
    EventCodec codec =
        JacksonEventCodec.builder().register(OrderPlaced.class, "order.placed", 1).build();
    UnifiedEventBus bus =
        EventBusFactory.builder()
            .storage(DurableStorage.builder(database.eventStore(), codec).build())
            .autoStart(false)
            .build();
    AutoCloseable relay = relay(transport, endpoint, channel, codec, bus);
    List<AutoCloseable> inbounds = new ArrayList<>();
    List<UnifiedEventBus> receivers = new ArrayList<>();
    for (String group : GROUPS) {
      DurableStorage storage = DurableStorage.builder(InMemoryEventStore.create(), codec).build();
      UnifiedEventBus receiver = EventBusFactory.builder().storage(storage).build();
      SharedStoreWorkload.subscribeLogging(
          receiver,
          dir.resolve("delivered-" + group + "-" + pid + ".log"),
          SubscriptionOptions.builder().mode(ProcessingMode.SYNC).name("record").build(),
          0);
      receivers.add(receiver);
      inbounds.add(
          inbound(
              transport,
              endpoint,
              channel,
              group,
              name,
              claimIdle,
              receiver,
              storage,
              database.processedEventLog()));
    }
    PrintStream out = System.out;
    bus.start();
    out.println("started " + pid);
    out.flush();
    Properties credentials = new Properties();
    credentials.setProperty("user", args[3]);
    credentials.setProperty("password", args[4]);
    SharedStoreWorkload.publishUntilStopped(
        bus, dir, url, credentials, pid, out, PUBLISH_PAUSE_NANOS);
    out.println("publishing stopped");
    out.flush();
    while (!Files.exists(dir.resolve("done"))) {
      TimeUnit.MILLISECONDS.sleep(50);
    }
    for (AutoCloseable inbound : inbounds) {
      inbound.close();
    }
    ShutdownReport report = bus.stop(Duration.ofMinutes(2)); // a loaded machine drains slowly
    relay.close();
    for (UnifiedEventBus receiver : receivers) {
      receiver.stop(Duration.ofSeconds(10));
    }
    database.close();
    out.println("relay " + stats(relay));
    out.println("stopped complete=" + report.completedInTime() + " " + report);
    out.flush();
    System.exit(report.completedInTime() ? 0 : 1);
  }

  private static AutoCloseable relay(
      String transport, String endpoint, String channel, EventCodec codec, UnifiedEventBus bus) {
    // Short send timeouts and endless retries: while the broker is down the deliveries stay
    // pending in the outbox and go out soon after it is back.
    RetryPolicy retries = RetryPolicy.fixed(Integer.MAX_VALUE, Duration.ofMillis(300));
    if (transport.equals("kafka")) {
      KafkaRelay relay =
          KafkaRelay.builder(endpoint, codec)
              .route(OrderPlaced.class, channel, OrderPlaced::orderId)
              .sendTimeout(Duration.ofSeconds(2))
              .retryPolicy(retries)
              .build();
      relay.attach(bus);
      return relay;
    }
    RedisRelay relay =
        RedisRelay.builder(endpoint, codec)
            .route(OrderPlaced.class, channel, OrderPlaced::orderId)
            .sendTimeout(Duration.ofSeconds(1))
            .retryPolicy(retries)
            .build();
    relay.attach(bus);
    return relay;
  }

  private static AutoCloseable inbound(
      String transport,
      String endpoint,
      String channel,
      String group,
      String name,
      Duration claimIdle,
      UnifiedEventBus receiver,
      DurableStorage storage,
      ProcessedEventLog processed) {
    if (transport.equals("kafka")) {
      return KafkaInbound.builder(endpoint, group, receiver, storage)
          .topics(channel)
          .processedEvents(processed)
          .retryBackoff(Duration.ofMillis(200))
          // A killed member's partitions go to the others within seconds, not the default 45 s.
          .consumerProperty("session.timeout.ms", "6000")
          .consumerProperty("heartbeat.interval.ms", "1000")
          .build()
          .start();
    }
    return RedisInbound.builder(endpoint, group, receiver, storage)
        .streams(channel)
        .consumerName(consumerName(group, name))
        .claimIdleTime(claimIdle)
        .processedEvents(processed)
        .retryBackoff(Duration.ofMillis(200))
        .build()
        .start();
  }

  private static Object stats(AutoCloseable relay) {
    return relay instanceof KafkaRelay kafka ? kafka.stats() : ((RedisRelay) relay).stats();
  }

  /** The Redis consumer name of instance {@code name} in {@code group}. */
  static String consumerName(String group, String name) {
    return group + "-" + name;
  }
}
