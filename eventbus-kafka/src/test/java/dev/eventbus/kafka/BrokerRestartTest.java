package dev.eventbus.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventbus.api.DeadLetterFilter;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.durable.DurableStorage;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The broker stops while the bus publishes: the relay's deliveries stay pending in the store, each
 * failed send counted, and go out in order per key once the broker is back; the receiving bus's
 * consumer group picks up where it was and gets every event once, in order per key.
 */
class BrokerRestartTest {

  @Test
  void whileTheBrokerIsDown_deliveriesStayPending_thenGoOutInOrderPerKey() throws Exception {
    try (TestBroker broker = TestBroker.start(Files.createTempDirectory("eventbus-kafka-restart"));
        Buses buses = new Buses()) {
      String topic = "orders-restart";
      broker.createTopic(topic, 3);
      DurableStorage storage = Buses.storage();
      UnifiedEventBus bus = buses.bus(storage);
      KafkaRelay relay =
          buses.add(
              KafkaRelay.builder(broker.bootstrapServers(), Buses.codec())
                  .route(OrderPlaced.class, topic, OrderPlaced::orderId)
                  .sendTimeout(Duration.ofSeconds(2))
                  .retryPolicy(RetryPolicy.fixed(Integer.MAX_VALUE, Duration.ofMillis(300)))
                  .build());
      relay.attach(bus);
      DurableStorage receiverStorage = Buses.storage();
      UnifiedEventBus receiver = buses.bus(receiverStorage);
      List<OrderPlaced> received = new CopyOnWriteArrayList<>();
      receiver.subscribe(
          OrderPlaced.class,
          received::add,
          SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).name("received").build());
      KafkaInbound inbound =
          buses.add(
              KafkaInbound.builder(broker.bootstrapServers(), "restart", receiver, receiverStorage)
                  .topics(topic)
                  .build()
                  .start());
      String subscription = KafkaRelay.subscriptionName("kafka", OrderPlaced.class);

      for (int i = 1; i <= 3; i++) {
        bus.publish(new OrderPlaced("order-" + i, "account-" + (i % 3), i));
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> relay.stats().acknowledged() == 3);

      broker.stop();
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

      broker.startAgain();
      await().atMost(Duration.ofSeconds(60)).until(() -> relay.stats().acknowledged() >= 15);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> assertThat(storage.store().pendingDeliveries(subscription).count()).isZero());
      KafkaRelay.Stats stats = relay.stats();
      assertThat(stats.sendAttempts()).isEqualTo(stats.acknowledged() + stats.failedSends());
      assertThat(stats.failedSends()).isGreaterThanOrEqualTo(6);

      List<ConsumerRecord<String, byte[]>> records =
          Records.read(broker.bootstrapServers(), topic, 15);
      Map<String, List<Integer>> firstSeenByKey = new HashMap<>();
      Set<String> seen = new LinkedHashSet<>();
      for (ConsumerRecord<String, byte[]> record : records) {
        String id = Records.header(record, KafkaHeaders.EVENT_ID);
        if (seen.add(id)) {
          firstSeenByKey
              .computeIfAbsent(record.key(), k -> new ArrayList<>())
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
          "BrokerRestartTest: %d records read for 15 events, relay %s, inbound %s%n",
          records.size(), stats, inbound.stats());
    }
  }
}
