package dev.eventbus.redis;

import static org.awaitility.Awaitility.await;

import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.transportsupport.OrderPlaced;
import dev.eventbus.transportsupport.OutageScenario;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The server stops while the bus publishes: the relay's deliveries stay pending in the store, each
 * failed send counted, and go out in order per key once the server is back (with its append-only
 * file, so streams and groups survive); the receiving group goes on where it was and gets every
 * event once, in order per key ({@link OutageScenario}).
 */
class RedisRestartTest {

  @Test
  void whileTheServerIsDown_deliveriesStayPending_thenGoOutInOrderPerKey() throws Exception {
    try (TestRedis server = TestRedis.start(true);
        Buses buses = new Buses()) {
      String stream = "orders-restart";
      DurableStorage storage = Buses.storage();
      UnifiedEventBus bus = buses.bus(storage);
      RedisRelay relay =
          buses.add(
              RedisRelay.builder(server.uri(), Buses.codec())
                  .route(OrderPlaced.class, stream, OrderPlaced::orderId)
                  .sendTimeout(Duration.ofSeconds(1))
                  .retryPolicy(RetryPolicy.fixed(Integer.MAX_VALUE, Duration.ofMillis(200)))
                  .build());
      relay.attach(bus);
      DurableStorage receiverStorage = Buses.storage();
      UnifiedEventBus receiver = buses.bus(receiverStorage);
      List<OrderPlaced> received = OutageScenario.receive(receiver);
      RedisInbound inbound =
          buses.add(
              RedisInbound.builder(server.uri(), "restart", receiver, receiverStorage)
                  .streams(stream)
                  .retryBackoff(Duration.ofMillis(200))
                  .build()
                  .start());

      int entries =
          OutageScenario.run(
              bus,
              storage,
              RedisRelay.subscriptionName("redis", OrderPlaced.class),
              received,
              new OutageScenario.Transport() {
                @Override
                public void stop() throws Exception {
                  server.stop();
                }

                @Override
                public void startAgain() throws Exception {
                  server.startAgain();
                }

                @Override
                public void whileDown() {
                  await()
                      .atMost(Duration.ofSeconds(30))
                      .until(() -> inbound.stats().redisFailures() >= 1);
                }

                @Override
                public OutageScenario.Counts counts() {
                  RedisRelay.Stats stats = relay.stats();
                  return new OutageScenario.Counts(
                      stats.sendAttempts(), stats.acknowledged(), stats.failedSends());
                }

                @Override
                public List<OutageScenario.Written> written(int atLeast) {
                  try (Streams streams = new Streams(server)) {
                    return streams.all(stream).stream()
                        .map(
                            entry ->
                                new OutageScenario.Written(
                                    entry.getBody().get(RedisFields.EVENT_ID),
                                    entry.getBody().get(RedisFields.PARTITION_KEY)))
                        .toList();
                  }
                }
              });
      System.out.printf(
          "RedisRestartTest: %d entries for %d events, relay %s, inbound %s%n",
          entries, OutageScenario.EVENTS, relay.stats(), inbound.stats());
    }
  }
}
