package dev.eventbus.redis;

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
import io.lettuce.core.StreamMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisInboundTest {

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
    final RedisInbound inbound;

    Receiver(
        TestRedis server,
        String group,
        String stream,
        UnaryOperator<RedisInbound.Builder> options) {
      bus.subscribe(
          OrderPlaced.class,
          received::add,
          SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).name("received").build());
      inbound =
          buses.add(
              options
                  .apply(RedisInbound.builder(server.uri(), group, bus, storage).streams(stream))
                  .build()
                  .start());
    }
  }

  @Test
  void twoBusesThroughRedis_everyEventArrivesInOrderPerKey_entriesAckedAfterPublish()
      throws Exception {
    TestRedis server = TestRedis.shared();
    Streams streams = buses.add(new Streams(server));
    String stream = "round-trip-" + UUID.randomUUID();
    UnifiedEventBus sender = buses.bus(Buses.storage());
    buses
        .add(
            RedisRelay.builder(server.uri(), Buses.codec())
                .route(OrderPlaced.class, stream, OrderPlaced::orderId)
                .build())
        .attach(sender);
    String group = "receiver-" + UUID.randomUUID();
    Receiver receiver = new Receiver(server, group, stream, b -> b);

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
    assertThat(receiver.inbound.stats()).isEqualTo(new RedisInbound.Stats(30, 0, 0, 0, 0, 0));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(streams.pending(stream, group)).isZero());
  }

  @Test
  void anEntryAddedAgain_isDroppedByEventId() throws Exception {
    TestRedis server = TestRedis.shared();
    Streams streams = buses.add(new Streams(server));
    String stream = "duplicates-" + UUID.randomUUID();
    String group = "dup-" + UUID.randomUUID();
    streams.addOrder(stream, "dup-1", "a", 1);
    streams.addOrder(stream, "dup-1", "a", 1);
    streams.addOrder(stream, "dup-2", "a", 2);
    Receiver receiver = new Receiver(server, group, stream, b -> b);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                receiver.inbound.stats().published() + receiver.inbound.stats().duplicates() == 3);
    assertThat(receiver.inbound.stats()).isEqualTo(new RedisInbound.Stats(2, 1, 0, 0, 0, 0));
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received.size() == 2);
    assertThat(receiver.received)
        .containsExactly(new OrderPlaced("dup-1", "a", 1), new OrderPlaced("dup-2", "a", 2));
    assertThat(streams.pending(stream, group)).isZero();
  }

  @Test
  void undecodableEntries_areDeadLettersWithTheReason_ackedAndTheStreamGoesOn() throws Exception {
    TestRedis server = TestRedis.shared();
    Streams streams = buses.add(new Streams(server));
    String stream = "bad-" + UUID.randomUUID();
    String group = "bad-" + UUID.randomUUID();
    String noId = streams.add(stream, RedisFields.PAYLOAD, "{\"orderId\":\"x\"}");
    String badJson =
        streams.add(
            stream,
            RedisFields.EVENT_ID,
            "bad-json",
            RedisFields.EVENT_TYPE,
            "order.placed",
            RedisFields.EVENT_VERSION,
            "1",
            RedisFields.PAYLOAD,
            "not json");
    String badType =
        streams.add(
            stream,
            RedisFields.EVENT_ID,
            "bad-type",
            RedisFields.EVENT_TYPE,
            "no.such.type",
            RedisFields.EVENT_VERSION,
            "1",
            RedisFields.PAYLOAD,
            "{}");
    String badVersion =
        streams.add(
            stream,
            RedisFields.EVENT_ID,
            "bad-version",
            RedisFields.EVENT_TYPE,
            "order.placed",
            RedisFields.EVENT_VERSION,
            "one",
            RedisFields.PAYLOAD,
            "{}");
    String noPayload =
        streams.add(
            stream,
            RedisFields.EVENT_ID,
            "no-payload",
            RedisFields.EVENT_TYPE,
            "order.placed",
            RedisFields.EVENT_VERSION,
            "1");
    streams.addOrder(stream, "good", "a", 7);
    Receiver receiver = new Receiver(server, group, stream, b -> b);

    await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received.size() == 1);
    assertThat(receiver.received).containsExactly(new OrderPlaced("good", "a", 7));
    assertThat(receiver.inbound.stats()).isEqualTo(new RedisInbound.Stats(1, 0, 5, 0, 0, 0));
    List<DeadLetter> letters =
        receiver
            .bus
            .deadLetters()
            .orElseThrow()
            .letters(
                DeadLetterFilter.all()
                    .subscription(receiver.inbound.deadLetterSubscription(stream)));
    assertThat(letters)
        .extracting(DeadLetter::errorType)
        .containsOnly(UndecodableEntryException.class.getName());
    Map<Long, String> reasons = new HashMap<>();
    letters.forEach(letter -> reasons.put(letter.id().position(), letter.errorMessage()));
    assertThat(reasons)
        .containsOnlyKeys(
            RedisInbound.position(noId),
            RedisInbound.position(badJson),
            RedisInbound.position(badType),
            RedisInbound.position(badVersion),
            RedisInbound.position(noPayload));
    String where = "entry " + stream + "@";
    assertThat(reasons.get(RedisInbound.position(noId)))
        .isEqualTo(where + noId + " has no field eventbus-event-id");
    assertThat(reasons.get(RedisInbound.position(badJson)))
        .startsWith(
            where
                + badJson
                + " (event bad-json, order.placed v1): the payload is not a JSON object:"
                + " Unrecognized token 'not'");
    assertThat(reasons.get(RedisInbound.position(badType)))
        .startsWith(
            where
                + badType
                + " (event bad-type, no.such.type v1) cannot be decoded: unknown event type"
                + " no.such.type (version 1)");
    assertThat(reasons.get(RedisInbound.position(badVersion)))
        .isEqualTo(
            where
                + badVersion
                + " (event bad-version, order.placed): the version field is not a number: one");
    assertThat(reasons.get(RedisInbound.position(noPayload)))
        .isEqualTo(where + noPayload + " (event no-payload, order.placed v1) has no payload");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(streams.pending(stream, group)).isZero());
  }

  @Test
  void entriesOfADeadConsumer_areClaimedAfterTheIdleTime_andPublishedInOrder() throws Exception {
    TestRedis server = TestRedis.shared();
    Streams streams = buses.add(new Streams(server));
    String stream = "claim-" + UUID.randomUUID();
    String group = "claim-" + UUID.randomUUID();
    for (int i = 1; i <= 5; i++) {
      streams.addOrder(stream, "claim-" + i, "a", i);
    }
    streams.createGroup(stream, group);
    List<StreamMessage<String, String>> taken = streams.readGroup(stream, group, "dead", 10);
    assertThat(taken).hasSize(5);
    assertThat(streams.pending(stream, group)).isEqualTo(5);

    Receiver receiver =
        new Receiver(
            server,
            group,
            stream,
            b -> b.consumerName("alive").claimIdleTime(Duration.ofMillis(500)));

    await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received.size() == 5);
    assertThat(receiver.received).extracting(OrderPlaced::sequence).containsExactly(1, 2, 3, 4, 5);
    assertThat(receiver.inbound.stats().claimed()).isEqualTo(5);
    assertThat(receiver.inbound.stats().published()).isEqualTo(5);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(streams.pending(stream, group)).isZero());
  }

  @Test
  void aPublishThatFails_leavesItsEntryPending_andTriesAgain() throws Exception {
    TestRedis server = TestRedis.shared();
    Streams streams = buses.add(new Streams(server));
    String stream = "held-" + UUID.randomUUID();
    String group = "held-" + UUID.randomUUID();
    DurableStorage storage = Buses.storage();
    UnifiedEventBus stopped = buses.bus(storage);
    stopped.stop(Duration.ofSeconds(5));
    // Both entries are in the stream before the consumer's first read, so that read takes both: a
    // failing entry stops its stream there, and one added after it would never be read.
    streams.addOrder(stream, "held-1", "a", 1);
    streams.addOrder(stream, "held-2", "a", 2);
    RedisInbound inbound =
        buses.add(
            RedisInbound.builder(server.uri(), group, stopped, storage)
                .streams(stream)
                .retryBackoff(Duration.ofMillis(100))
                .build()
                .start());

    await().atMost(Duration.ofSeconds(30)).until(() -> inbound.stats().publishFailures() >= 3);
    assertThat(inbound.stats().published()).isZero();
    assertThat(inbound.stats().duplicates()).isZero();
    assertThat(streams.pending(stream, group)).isEqualTo(2);
  }

  @Test
  void badConfiguration_isRefusedByName() {
    UnifiedEventBus bus = buses.bus(Buses.storage());
    DurableStorage storage = Buses.storage();
    String uri = "redis://127.0.0.1:1";
    BuilderRefusals.inbound(
        group -> RedisInbound.builder(uri, group, bus, storage),
        RedisInbound.Builder::streams,
        RedisInbound.Builder::build,
        "Redis",
        "stream");
    assertThatThrownBy(
            () ->
                RedisInbound.builder(uri, "g", bus, storage).claimIdleTime(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("claimIdleTime must be > 0 but was PT-1S");
    assertThatThrownBy(() -> RedisInbound.builder(uri, "g", bus, storage).batchSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batchSize must be between 1 and 10000 but was 0");
    assertThatThrownBy(
            () ->
                RedisInbound.builder(uri, "g", bus, storage)
                    .streams("s")
                    .pollTimeout(Duration.ofSeconds(5))
                    .commandTimeout(Duration.ofSeconds(5))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("commandTimeout must be longer than pollTimeout (PT5S) but was PT5S");
    RedisInbound inbound = RedisInbound.builder(uri, "g", bus, storage).streams("t").build();
    inbound.close();
    assertThatThrownBy(inbound::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the Redis inbound of group g is started already or closed");
  }
}
