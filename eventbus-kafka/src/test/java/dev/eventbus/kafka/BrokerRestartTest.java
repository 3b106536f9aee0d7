package dev.eventbus.kafka;

import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.transportsupport.OrderPlaced;
import dev.eventbus.transportsupport.OutageScenario;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The broker stops while the bus publishes: the relay's deliveries stay pending in the store, each
 * failed send counted, and go out in order per key once the broker is back; the receiving bus's
 * consumer group picks up where it was and gets every event once, in order per key ({@link
 * OutageScenario}).
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
      List<OrderPlaced> received = OutageScenario.receive(receiver);
      KafkaInbound inbound =
          buses.add(
              KafkaInbound.builder(broker.bootstrapServers(), "restart", receiver, receiverStorage)
                  .topics(topic)
                  .build()
                  .start());

      int records =
          OutageScenario.run(
              bus,
              storage,
              KafkaRelay.subscriptionName("kafka", OrderPlaced.class),
              received,
              new OutageScenario.Transport() {
                @Override
                public void stop() throws Exception {
                  broker.stop();
                }

                @Override
                public void startAgain() throws Exception {
                  broker.startAgain();
                }

                @Override
                public OutageScenario.Counts counts() {
                  KafkaRelay.Stats stats = relay.stats();
                  return new OutageScenario.Counts(
                      stats.sendAttempts(), stats.acknowledged(), stats.failedSends());
                }

                @Override
                public List<OutageScenario.Written> written(int atLeast) {
                  return Records.read(broker.bootstrapServers(), topic, atLeast).stream()
                      .map(
                          record ->
                              new OutageScenario.Written(
                                  Records.header(record, KafkaHeaders.EVENT_ID), record.key()))
                      .toList();
                }
              });
      System.out.printf(
          "BrokerRestartTest: %d records read for %d events, relay %s, inbound %s%n",
          records, OutageScenario.EVENTS, relay.stats(), inbound.stats());
    }
  }
}
