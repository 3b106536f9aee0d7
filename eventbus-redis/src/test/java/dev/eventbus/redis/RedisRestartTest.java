package dev.eventbus.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventbus.api.DeadLetterFilter;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.durable.DurableStorage;
import io.lettuce.core.StreamMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The server stops while the bus publishes: the relay's deliveries stay pending in the store, each
 * failed send counted, and go out in order per key once the server is back (with its append-only
 * file, so streams and groups survive); the receiving group goes on where it was and gets every
 * event once, in order per key.
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
      List<OrderPlaced> received = new CopyOnWriteArrayList<>();
      receiver.subscribe(
          OrderPlaced.class,
          received::add,
          SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).name("received").build());
      RedisInbound inbound =
          buses.add(
              RedisInbound.builder(server.uri(), "restart", receiver, receiverStorage)
                  .streams(stream)
                  .retryBackoff(Duration.ofMillis(200))
                  .build()
                  .start());
      String subscription = RedisRelay.subscriptionName("redis", OrderPlaced.class);

      for (int i = 1; i <= 3; i++) {
        bus.publish(new OrderPlaced("order-" + i, "account-" + (i % 3), i));
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> relay.stats().acknowledged() == 3);
      await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 3);

      server.stop();
      for (int i = 4; i <= 15; i++) {
        bus.publish(new OrderPlaced("order-" + i, "account-" + (i % 3), i));
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> relay.stats().failedSends() >= 6);
      assertThat(relay.stats().acknowledged()).isEqualTo(3);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(storage.store().pendingDeliveries(subscription).count())
                      .isEqualTo(12));
      assertThat(bus.deadLetters().orElseThrow().letters(DeadLetterFilter.all())).isEmpty();
      await().atMost(Duration.ofSeconds(30)).until(() -> inbound.stats().redisFailures() >= 1);

      server.startAgain();
      await().atMost(Duration.ofSeconds(60)).until(() -> relay.stats().acknowledged() >= 15);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> assertThat(storage.store().pendingDeliveries(subscription).count()).isZero());
      RedisRelay.Stats stats = relay.stats();
      assertThat(stats.sendAttempts()).isEqualTo(stats.acknowledged() + stats.failedSends());

      List<StreamMessage<String, String>> entries;
      try (Streams streams = new Streams(server)) {
        entries = streams.all(stream);
      }
      Map<String, List<Integer>> firstSeenByKey = new HashMap<>();
      Set<String> seen = new LinkedHashSet<>();
      for (StreamMessage<String, String> entry : entries) {
        String id = entry.getBody().get(RedisFields.EVENT_ID);
        if (seen.add(id)) {
          firstSeenByKey
              .computeIfAbsent(
                  entry.getBody().get(RedisFields.PARTITION_KEY), k -> new ArrayList<>())
              .add(Integer.parseInt(id.substring("order-".length())));
        }
      }
      assertThat(seen).hasSize(15);
      assertThat(firstSeenByKey).hasSize(3);
      firstSeenByKey.values().forEach(sequences -> assertThat(sequences).isSorted());

      await().atMost(Duration.ofSeconds(60)).until(() -> received.size() >= 15);
      Map<String, List<Integer>> receivedByKey = new HashMap<>();
      received.forEach(
          o ->
              receivedByKey.computeIfAbsent(o.account(), k -> new ArrayList<>()).add(o.sequence()));
      assertThat(received).hasSize(15);
      assertThat(receivedByKey).hasSize(3);
      receivedByKey.values().forEach(sequences -> assertThat(sequences).isSorted());
      System.out.printf(
          "RedisRestartTest: %d entries for 15 events, relay %s, inbound %s%n",
          entries.size(), stats, inbound.stats());
    }
  }
}
