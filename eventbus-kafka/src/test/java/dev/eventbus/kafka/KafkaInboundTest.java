package dev.eventbus.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.eventbus.api.DeadLetter;
import dev.eventbus.api.DeadLetterFilter;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.transportsupport.BuilderRefusals;
import dev.eventbus.transportsupport.OrderPlaced;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KafkaInboundTest {

  private final Buses buses = new Buses();

  @AfterEach
  void closeAll() {
    buses.close();
  }

  /** The receiving service: a durable bus with a recording subscriber and the inbound side. */
  private final class Receiver {
    final DurableStorage storage = Buses.storage();
    final UnifiedEventBus bus = buses.bus(storage);
    final List<OrderPlaced> received = new CopyOnWriteArrayList<>();
    final KafkaInbound inbound;

    Receiver(TestBroker broker, String group, String topic) {
      bus.subscribe(
          OrderPlaced.class,
          received::add,
          SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).name("received").build());
      inbound =
          buses.add(
              KafkaInbound.builder(broker.bootstrapServers(), group, bus, storage)
                  .topics(topic)
                  .build()
                  .start());
    }
  }

  @Test
  void twoBusesThroughTheBroker_everyEventArrivesInOrderPerKey_offsetsCommittedAfterPublish()
      throws Exception {
    TestBroker broker = TestBroker.shared();
    String topic = "round-trip-" + UUID.randomUUID();
    broker.createTopic(topic, 3);
    UnifiedEventBus sender = buses.bus(Buses.storage());
    buses
        .add(
            KafkaRelay.builder(broker.bootstrapServers(), Buses.codec())
                .route(OrderPlaced.class, topic, OrderPlaced::orderId)
                .build())
        .attach(sender);
    String group = "receiver-" + UUID.randomUUID();
    Receiver receiver = new Receiver(broker, group, topic);

    List<OrderPlaced> sent = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      OrderPlaced order = new OrderPlaced("rt-" + i, "account-" + (i % 4), i);
      sent.add(order);
      sender.publish(order);
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received.size() >= 30);
    assertThat(receiver.received).containsExactlyInAnyOrderElementsOf(sent);
    Map<String, List<Integer>> byKey = new HashMap<>();
    receiver.received.forEach(
        o -> byKey.computeIfAbsent(o.account(), k -> new ArrayList<>()).add(o.sequence()));
    assertThat(byKey).hasSize(4);
    byKey.values().forEach(sequences -> assertThat(sequences).isSorted());
    assertThat(receiver.inbound.stats()).isEqualTo(new KafkaInbound.Stats(30, 0, 0, 0, 0));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(committedOffsets(broker, group)).isEqualTo(30));
  }

  @Test
  void aCommitTheGroupRefusesAfterARebalance_isGivenUp_andTheRecordReadAgainIsADuplicate()
      throws Exception {
    TestBroker broker = TestBroker.shared();
    String topic = "refused-commit-" + UUID.randomUUID();
    String group = "refused-commit-" + UUID.randomUUID();
    broker.createTopic(topic, 1);
    // Without storage the poll loop waits for the handlers; one that outlasts the poll interval
    // makes the consumer leave the group, so the commit after it is refused.
    UnifiedEventBus bus = buses.busWithoutStorage();
    List<OrderPlaced> handled = new CopyOnWriteArrayList<>();
    try (Admin admin = broker.admin()) {
      bus.subscribe(
          OrderPlaced.class,
          order -> {
            if (handled.isEmpty()) {
              await().atMost(Duration.ofSeconds(30)).until(() -> groupHasNoMember(admin, group));
            }
            handled.add(order);
          },
          SubscriptionOptions.mode(ProcessingMode.SYNC));
      KafkaInbound inbound =
          buses.add(
              KafkaInbound.builder(broker.bootstrapServers(), group, bus, Buses.storage())
                  .topics(topic)
                  .consumerProperty("max.poll.interval.ms", "1000")
                  .build()
                  .start());

      try (KafkaProducer<String, byte[]> producer = Records.producer(broker.bootstrapServers())) {
        producer.send(order(topic, "slow-1", "a", 1)).get(10, TimeUnit.SECONDS);
        producer.send(order(topic, "next-2", "a", 2)).get(10, TimeUnit.SECONDS);
      }

      await().atMost(Duration.ofSeconds(60)).until(() -> inbound.stats().duplicates() >= 1);
      await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() == 2);
      assertThat(inbound.stats().commitFailures()).isGreaterThanOrEqualTo(1);
      assertThat(handled)
          .containsExactly(new OrderPlaced("slow-1", "a", 1), new OrderPlaced("next-2", "a", 2));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(committedOffsets(broker, group)).isEqualTo(2));
    }
  }

  private static boolean groupHasNoMember(Admin admin, String group) throws Exception {
    return admin
        .describeConsumerGroups(List.of(group))
        .describedGroups()
        .get(group)
        .get(10, TimeUnit.SECONDS)
        .members()
        .isEmpty();
  }

  @Test
  void aRecordRedelivered_isDroppedByEventId() throws Exception {
    TestBroker broker = TestBroker.shared();
    String topic = "duplicates-" + UUID.randomUUID();
    broker.createTopic(topic, 1);
    Receiver receiver = new Receiver(broker, "dup-" + UUID.randomUUID(), topic);

    try (KafkaProducer<String, byte[]> producer = Records.producer(broker.bootstrapServers())) {
      producer.send(order(topic, "dup-1", "a", 1)).get(10, TimeUnit.SECONDS);
      producer.send(order(topic, "dup-1", "a", 1)).get(10, TimeUnit.SECONDS);
      producer.send(order(topic, "dup-2", "a", 2)).get(10, TimeUnit.SECONDS);
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                receiver.inbound.stats().published() + receiver.inbound.stats().duplicates() == 3);
    assertThat(receiver.inbound.stats()).isEqualTo(new KafkaInbound.Stats(2, 1, 0, 0, 0));
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received.size() == 2);
    assertThat(receiver.received)
        .containsExactly(new OrderPlaced("dup-1", "a", 1), new OrderPlaced("dup-2", "a", 2));
  }

  @Test
  void undecodableRecords_areDeadLettersWithTheReason_andThePartitionGoesOn() throws Exception {
    TestBroker broker = TestBroker.shared();
    String topic = "bad-" + UUID.randomUUID();
    broker.createTopic(topic, 1);
    String group = "bad-" + UUID.randomUUID();
    Receiver receiver = new Receiver(broker, group, topic);

    try (KafkaProducer<String, byte[]> producer = Records.producer(broker.bootstrapServers())) {
      producer
          .send(new ProducerRecord<>(topic, "k", Records.utf8("{\"orderId\":\"x\"}")))
          .get(10, TimeUnit.SECONDS);
      producer
          .send(record(topic, "bad-json", "order.placed", "1", Records.utf8("not json")))
          .get(10, TimeUnit.SECONDS);
      producer
          .send(record(topic, "bad-type", "no.such.type", "1", Records.utf8("{}")))
          .get(10, TimeUnit.SECONDS);
      producer
          .send(record(topic, "bad-version", "order.placed", "one", Records.utf8("{}")))
          .get(10, TimeUnit.SECONDS);
      producer.send(order(topic, "good", "a", 7)).get(10, TimeUnit.SECONDS);
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received.size() == 1);
    assertThat(receiver.received).containsExactly(new OrderPlaced("good", "a", 7));
    assertThat(receiver.inbound.stats()).isEqualTo(new KafkaInbound.Stats(1, 0, 4, 0, 0));
    List<DeadLetter> letters =
        receiver
            .bus
            .deadLetters()
            .orElseThrow()
            .letters(
                DeadLetterFilter.all()
                    .subscription(receiver.inbound.deadLetterSubscription(topic, 0)));
    assertThat(letters)
        .extracting(DeadLetter::errorType)
        .containsOnly(UndecodableRecordException.class.getName());
    Map<Long, String> reasons = new HashMap<>();
    letters.forEach(letter -> reasons.put(letter.id().position(), letter.errorMessage()));
    String where = "record " + topic + "-0@";
    assertThat(reasons).containsOnlyKeys(1L, 2L, 3L, 4L);
    assertThat(reasons.get(1L)).isEqualTo(where + "0 has no header eventbus-event-id");
    assertThat(reasons.get(2L))
        .startsWith(
            where
                + "1 (event bad-json, order.placed v1): the value is not a JSON object:"
                + " Unrecognized token 'not'");
    assertThat(reasons.get(3L))
        .isEqualTo(
            where
                + "2 (event bad-type, no.such.type v1) cannot be decoded: unknown event type"
                + " no.such.type (version 1) at position 3");
    assertThat(reasons.get(4L))
        .isEqualTo(
            where + "3 (event bad-version, order.placed): the version header is not a number: one");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(committedOffsets(broker, group)).isEqualTo(5));
  }

  @Test
  void aPublishThatFails_holdsItsRecord_triesAgain_andCommitsNothing() throws Exception {
    TestBroker broker = TestBroker.shared();
    String topic = "held-" + UUID.randomUUID();
    broker.createTopic(topic, 1);
    String group = "held-" + UUID.randomUUID();
    DurableStorage storage = Buses.storage();
    UnifiedEventBus stopped = buses.bus(storage);
    stopped.stop(Duration.ofSeconds(5));
    KafkaInbound inbound =
        buses.add(
            KafkaInbound.builder(broker.bootstrapServers(), group, stopped, storage)
                .topics(topic)
                .retryBackoff(Duration.ofMillis(100))
                .build()
                .start());

    try (KafkaProducer<String, byte[]> producer = Records.producer(broker.bootstrapServers())) {
      producer.send(order(topic, "held-1", "a", 1)).get(10, TimeUnit.SECONDS);
      producer.send(order(topic, "held-2", "a", 2)).get(10, TimeUnit.SECONDS);
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> inbound.stats().publishFailures() >= 3);
    assertThat(inbound.stats().published()).isZero();
    assertThat(inbound.stats().duplicates()).isZero();
    assertThat(committedOffsets(broker, group)).isZero();
  }

  @Test
  void builderMisuse_isRefusedByName() {
    UnifiedEventBus bus = buses.bus(Buses.storage());
    DurableStorage storage = Buses.storage();
    BuilderRefusals.inbound(
        group -> KafkaInbound.builder("localhost:1", group, bus, storage),
        KafkaInbound.Builder::topics,
        KafkaInbound.Builder::build,
        "Kafka",
        "topic");
    assertThatThrownBy(
            () ->
                KafkaInbound.builder("localhost:1", "g", bus, storage)
                    .consumerProperty("enable.auto.commit", "true"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the consumer property enable.auto.commit is set by the inbound");
    KafkaInbound inbound =
        KafkaInbound.builder("localhost:1", "g", bus, storage).topics("t").build();
    inbound.close();
    assertThatThrownBy(inbound::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the Kafka inbound of group g is started already or closed");
  }

  private static ProducerRecord<String, byte[]> order(
      String topic, String id, String account, int sequence) {
    return record(
        topic,
        id,
        "order.placed",
        "1",
        Records.utf8(
            "{\"orderId\":\""
                + id
                + "\",\"account\":\""
                + account
                + "\",\"sequence\":"
                + sequence
                + "}"));
  }

  private static ProducerRecord<String, byte[]> record(
      String topic, String id, String type, String version, byte[] value) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(KafkaHeaders.EVENT_ID, Records.utf8(id));
    headers.add(KafkaHeaders.EVENT_TYPE, Records.utf8(type));
    headers.add(KafkaHeaders.EVENT_VERSION, Records.utf8(version));
    return new ProducerRecord<>(topic, null, "key", value, headers);
  }

  private static long committedOffsets(TestBroker broker, String group) throws Exception {
    try (Admin admin = broker.admin()) {
      Map<?, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(10, TimeUnit.SECONDS);
      return offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
    }
  }
}
