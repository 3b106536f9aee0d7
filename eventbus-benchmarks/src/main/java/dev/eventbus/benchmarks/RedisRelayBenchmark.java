package dev.eventbus.benchmarks;

import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.redis.RedisFields;
import dev.eventbus.redis.RedisRelay;
import dev.eventbus.transport.OutboundMessage;
import dev.eventbus.transportsupport.OrderPlaced;
import dev.eventbus.transportsupport.RedisServer;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * Outbox to Redis Streams: events per second from a durable bus through {@link RedisRelay} until
 * the server replied to each {@code XADD}, against raw lettuce {@code XADD}s of the same entries
 * (the relay's fields and payload) to another stream, in the same run, on a real {@code
 * redis-server} this benchmark starts ({@link RedisServer}: Debian's package, no persistence).
 *
 * <ul>
 *   <li>{@code unified}, the relay: {@link RelayLoad#BATCH} publishes into the bus (stored in
 *       memory first; each durable publish waits for its append), then waiting until the relay
 *       counted as many replies; the relay appends each batch with one script. {@link
 *       RelayDrainBenchmark} times the relay alone, on a backlog already stored.
 *   <li>{@code rawXadd}: the same number of asynchronous {@code XADD}s on one connection, then
 *       waiting for all replies (lettuce pipelines them): the ceiling.
 *   <li>{@code rawXaddOneByOne}: each reply waited for before the next command.
 * </ul>
 *
 * Both streams are emptied before each iteration, so the server's memory stays flat.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@State(Scope.Benchmark)
public class RedisRelayBenchmark {

  private RedisServer server;
  private UnifiedEventBus bus;
  private RedisRelay relay;
  private RedisClient client;
  private StatefulRedisConnection<String, String> connection;
  private final RelayLoad load = new RelayLoad();

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    server = RedisServer.start(false);
    bus = RelayLoad.outbox();
    relay =
        RedisRelay.builder(server.uri(), RelayLoad.CODEC)
            .route(OrderPlaced.class, "relayed", OrderPlaced::orderId)
            .build();
    relay.attach(bus);
    client = RedisClient.create(server.uri());
    connection = client.connect();
  }

  @Setup(Level.Iteration)
  public void emptyStreams() {
    connection.sync().del("relayed", "raw");
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    bus.stop(Duration.ofSeconds(30));
    relay.close();
    connection.close();
    client.shutdown();
    server.close();
  }

  @Benchmark
  @OperationsPerInvocation(RelayLoad.BATCH)
  public void rawXadd() {
    List<RedisFuture<String>> replies = new ArrayList<>(RelayLoad.BATCH);
    for (int i = 0; i < RelayLoad.BATCH; i++) {
      replies.add(connection.async().xadd("raw", entry(load.next())));
    }
    if (!LettuceFutures.awaitAll(Duration.ofSeconds(30), replies.toArray(new RedisFuture<?>[0]))) {
      throw new IllegalStateException("raw XADD: not every reply within 30 s");
    }
    long failures = replies.stream().filter(reply -> reply.getError() != null).count();
    RelayLoad.checkNoFailure(failures, "raw XADD");
  }

  @Benchmark
  @OperationsPerInvocation(RelayLoad.BATCH)
  public void rawXaddOneByOne() {
    for (int i = 0; i < RelayLoad.BATCH; i++) {
      connection.sync().xadd("raw", entry(load.next()));
    }
  }

  /** Through the Redis relay; named as the suite's table names the bus's own case. */
  @Benchmark
  @OperationsPerInvocation(RelayLoad.BATCH)
  public void unified() {
    load.relayBatch(bus, () -> relay.stats().acknowledged());
  }

  /** The entry the relay makes of an order. */
  static Map<String, String> entry(OrderPlaced order) {
    OutboundMessage message = RelayLoad.encode(order);
    Map<String, String> body = new LinkedHashMap<>(message.fields());
    body.put(RedisFields.PAYLOAD, new String(message.payload(), StandardCharsets.UTF_8));
    return body;
  }
}
