package dev.eventbus.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.eventbus.api.DeadLetter;
import dev.eventbus.api.DeadLetterFilter;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.transportsupport.BuilderRefusals;
import dev.eventbus.transportsupport.OrderPlaced;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KafkaRelayTest {

  private final Buses buses = new Buses();

  @AfterEach
  void closeAll() {
    buses.close();
  }

  @Test
  void routedEventsGoToTheirTopicsKeyedByPartitionKeyWithHeaders_inOrderPerKey() throws Exception {
    TestBroker broker = TestBroker.shared();
    String topic = "orders-" + UUID.randomUUID();
    broker.createTopic(topic, 3);
    DurableStorage storage = Buses.storage();
    UnifiedEventBus bus = buses.bus(storage);
    KafkaRelay relay =
        buses.add(
            KafkaRelay.builder(broker.bootstrapServers(), Buses.codec())
                .route(OrderPlaced.class, topic, OrderPlaced::orderId)
                .route(PaymentTaken.class, PaymentTaken::paymentId)
                .build());
    relay.attach(bus);

    for (int i = 1; i <= 12; i++) {
      bus.publish(new OrderPlaced("order-" + i, "account-" + (i % 3), i));
    }
    String paymentId = "payment-" + UUID.randomUUID();
    bus.publish(new PaymentTaken(paymentId, 1234));

    List<ConsumerRecord<String, byte[]>> orders =
        Records.read(broker.bootstrapServers(), topic, 12);
    assertThat(orders).hasSize(12);
    Map<String, List<Integer>> sequencesByKey = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : orders) {
      String orderId = Records.header(record, KafkaHeaders.EVENT_ID);
      int sequence = Integer.parseInt(orderId.substring("order-".length()));
      assertThat(record.key()).isEqualTo("account-" + (sequence % 3));
      assertThat(Records.header(record, KafkaHeaders.PARTITION_KEY)).isEqualTo(record.key());
      assertThat(Records.header(record, KafkaHeaders.EVENT_TYPE)).isEqualTo("order.placed");
      assertThat(Records.header(record, KafkaHeaders.EVENT_VERSION)).isEqualTo("1");
      assertThat(new String(record.value(), StandardCharsets.UTF_8))
          .contains("\"orderId\":\"" + orderId + "\"")
          .contains("\"sequence\":" + sequence);
      sequencesByKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(sequence);
    }
    assertThat(sequencesByKey).hasSize(3);
    sequencesByKey.values().forEach(sequences -> assertThat(sequences).isSorted());

    List<ConsumerRecord<String, byte[]>> payments =
        Records.read(broker.bootstrapServers(), "payments", 1).stream()
            .filter(r -> paymentId.equals(Records.header(r, KafkaHeaders.EVENT_ID)))
            .toList();
    assertThat(payments).hasSize(1);
    assertThat(payments.get(0).key()).isNull();
    assertThat(Records.header(payments.get(0), KafkaHeaders.PARTITION_KEY)).isNull();
    assertThat(Records.header(payments.get(0), KafkaHeaders.EVENT_TYPE)).isEqualTo("payment.taken");

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(relay.stats().acknowledged()).isEqualTo(13);
              assertThat(
                      storage
                          .store()
                          .pendingDeliveries(
                              KafkaRelay.subscriptionName("kafka", OrderPlaced.class))
                          .count())
                  .isZero();
            });
  }

  @Test
  void aRecordTheBrokerRefuses_isADeadLetterAtOnce_notRetried() throws Exception {
    TestBroker broker = TestBroker.shared();
    String topic = "too-large-" + UUID.randomUUID();
    broker.createTopic(topic, 1);
    UnifiedEventBus bus = buses.bus(Buses.storage());
    KafkaRelay relay =
        buses.add(
            KafkaRelay.builder(broker.bootstrapServers(), Buses.codec())
                .route(OrderPlaced.class, topic, OrderPlaced::orderId)
                .producerProperty("max.request.size", "2000")
                .retryPolicy(RetryPolicy.fixed(5, Duration.ofMillis(10)))
                .build());
    relay.attach(bus);

    bus.publish(new OrderPlaced("big", "x".repeat(5_000), 1));

    await().atMost(Duration.ofSeconds(20)).until(() -> !relayLetters(bus).isEmpty());
    DeadLetter letter = relayLetters(bus).get(0);
    assertThat(letter.errorType()).isEqualTo(KafkaRecordRefusedException.class.getName());
    assertThat(letter.errorMessage())
        .contains("event big (order.placed) to topic " + topic + " was refused")
        .contains("RecordTooLargeException");
    assertThat(letter.attempts()).isEqualTo(1);
    assertThat(relay.stats().sendAttempts()).isEqualTo(1);
    assertThat(relay.stats().refused()).isEqualTo(1);
  }

  @Test
  void inABatch_onlyTheRecordsTheBrokerRefusesOrWithoutId_areDeadLetters_theRestGoOutInOrder()
      throws Exception {
    TestBroker broker = TestBroker.shared();
    String topic = "mixed-" + UUID.randomUUID();
    broker.createTopic(topic, 1);
    UnifiedEventBus bus = buses.bus(Buses.storage());
    KafkaRelay relay =
        buses.add(
            KafkaRelay.builder(broker.bootstrapServers(), Buses.codec())
                .route(
                    OrderPlaced.class,
                    topic,
                    order -> order.orderId().equals("no-id") ? null : order.orderId())
                .producerProperty("max.request.size", "2000")
                .batchSize(5)
                .retryPolicy(RetryPolicy.fixed(5, Duration.ofMillis(10)))
                .build());
    relay.attach(bus);

    bus.publish(new OrderPlaced("ok-1", "a", 1));
    bus.publish(new OrderPlaced("big", "x".repeat(5_000), 2));
    bus.publish(new OrderPlaced("ok-2", "a", 3));
    bus.publish(new OrderPlaced("no-id", "a", 4));
    bus.publish(new OrderPlaced("ok-3", "a", 5));

    List<ConsumerRecord<String, byte[]>> sent = Records.read(broker.bootstrapServers(), topic, 3);
    assertThat(sent)
        .extracting(record -> Records.header(record, KafkaHeaders.EVENT_ID))
        .containsExactly("ok-1", "ok-2", "ok-3");
    await().atMost(Duration.ofSeconds(20)).until(() -> relayLetters(bus).size() == 2);
    assertThat(relayLetters(bus))
        .extracting(DeadLetter::errorMessage)
        .anySatisfy(message -> assertThat(message).contains("event big (order.placed)"))
        .anySatisfy(message -> assertThat(message).contains("is null"));
    assertThat(relay.stats().acknowledged()).isEqualTo(3);
    assertThat(relay.stats().refused()).isEqualTo(2);
    assertThat(relay.stats().failedSends()).isZero();
  }

  @Test
  void anEventWithoutId_isADeadLetterNamingTheRoute() {
    UnifiedEventBus bus = buses.bus(Buses.storage());
    KafkaRelay relay =
        buses.add(
            KafkaRelay.builder("localhost:1", Buses.codec())
                .route(OrderPlaced.class, "orders", order -> " ")
                .build());
    relay.attach(bus);

    bus.publish(new OrderPlaced("o-1", "a", 1));

    await().atMost(Duration.ofSeconds(10)).until(() -> relayLetters(bus).size() == 1);
    DeadLetter letter = relayLetters(bus).get(0);
    assertThat(letter.errorType()).isEqualTo(KafkaRecordRefusedException.class.getName());
    assertThat(letter.errorMessage())
        .isEqualTo(
            "the event id of a dev.eventbus.transportsupport.OrderPlaced for topic orders is blank: the"
                + " route's id function must give every event an id");
    assertThat(relay.stats().sendAttempts()).isZero();
  }

  @Test
  void builderMisuse_isRefusedByName() {
    BuilderRefusals.relay(
        () -> KafkaRelay.builder("localhost:1", Buses.codec()),
        KafkaRelay.Builder::build,
        "Kafka",
        "topic",
        "KafkaTopic");
    assertThatThrownBy(
            () -> KafkaRelay.builder("localhost:1", Buses.codec()).producerProperty("acks", "1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the producer property acks is set by the relay");
    assertThatThrownBy(
            () ->
                KafkaRelay.builder("localhost:1", Buses.codec())
                    .sendTimeout(Duration.ofMillis(999)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sendTimeout must be >= 1 second but was PT0.999S");
    assertThatThrownBy(() -> KafkaRelay.builder(" ", Buses.codec()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bootstrapServers must not be blank");
  }

  @Test
  void attachingTwiceOrAfterClose_isRefused() {
    UnifiedEventBus bus = buses.bus(Buses.storage());
    KafkaRelay relay =
        KafkaRelay.builder("localhost:1", Buses.codec())
            .route(OrderPlaced.class, "orders", OrderPlaced::orderId)
            .build();
    assertThat(relay.attach(bus))
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.name())
                    .isEqualTo("kafka-relay:kafka:dev.eventbus.transportsupport.OrderPlaced"));
    assertThatThrownBy(() -> relay.attach(bus))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the Kafka relay kafka is attached to a bus already");
    relay.close();
    assertThatThrownBy(() -> relay.attach(bus))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the Kafka relay kafka is closed");
  }

  /** The dead letters of the default relay's subscription for orders. */
  private static List<DeadLetter> relayLetters(UnifiedEventBus bus) {
    return bus.deadLetters()
        .orElseThrow()
        .letters(
            DeadLetterFilter.all()
                .subscription(KafkaRelay.subscriptionName("kafka", OrderPlaced.class)));
  }
}
