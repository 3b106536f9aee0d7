package dev.eventbus.redis;

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
import io.lettuce.core.StreamMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisRelayTest {

  private final Buses buses = new Buses();

  @AfterEach
  void closeAll() {
    buses.close();
  }

  @Test
  void routedEventsAreAppendedToTheirStreamsWithTheirFields_inOrderPerKey() throws Exception {
    TestRedis server = TestRedis.shared();
    Streams streams = buses.add(new Streams(server));
    String stream = "orders-" + UUID.randomUUID();
    DurableStorage storage = Buses.storage();
    UnifiedEventBus bus = buses.bus(storage);
    RedisRelay relay =
        buses.add(
            RedisRelay.builder(server.uri(), Buses.codec())
                .route(OrderPlaced.class, stream, OrderPlaced::orderId)
                .route(PaymentTaken.class, PaymentTaken::paymentId)
                .build());
    relay.attach(bus);

    for (int i = 1; i <= 12; i++) {
      bus.publish(new OrderPlaced("order-" + i, "account-" + (i % 3), i));
    }
    String paymentId = "payment-" + UUID.randomUUID();
    bus.publish(new PaymentTaken(paymentId, 1234));

    await().atMost(Duration.ofSeconds(20)).until(() -> relay.stats().acknowledged() == 13);
    List<StreamMessage<String, String>> orders = streams.all(stream);
    assertThat(orders).hasSize(12);
    Map<String, List<Integer>> sequencesByKey = new HashMap<>();
    for (StreamMessage<String, String> entry : orders) {
      Map<String, String> body = entry.getBody();
      String orderId = body.get(RedisFields.EVENT_ID);
      int sequence = Integer.parseInt(orderId.substring("order-".length()));
      assertThat(body.get(RedisFields.PARTITION_KEY)).isEqualTo("account-" + (sequence % 3));
      assertThat(body.get(RedisFields.EVENT_TYPE)).isEqualTo("order.placed");
      assertThat(body.get(RedisFields.EVENT_VERSION)).isEqualTo("1");
      // Without a propagator, no trace travels (RedisTracingTest has the trace).
      assertThat(body).doesNotContainKeys(RedisFields.TRACEPARENT, RedisFields.TRACESTATE);
      assertThat(body.get(RedisFields.PAYLOAD))
          .contains("\"orderId\":\"" + orderId + "\"")
          .contains("\"sequence\":" + sequence);
      sequencesByKey
          .computeIfAbsent(body.get(RedisFields.PARTITION_KEY), k -> new ArrayList<>())
          .add(sequence);
    }
    assertThat(sequencesByKey).hasSize(3);
    sequencesByKey.values().forEach(sequences -> assertThat(sequences).isSorted());

    List<Map<String, String>> payments =
        streams.all("payments").stream()
            .map(StreamMessage::getBody)
            .filter(body -> paymentId.equals(body.get(RedisFields.EVENT_ID)))
            .toList();
    assertThat(payments).hasSize(1);
    assertThat(payments.get(0))
        .doesNotContainKey(RedisFields.PARTITION_KEY)
        .doesNotContainKey(RedisFields.TRACEPARENT)
        .containsEntry(RedisFields.EVENT_TYPE, "payment.taken");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        storage
                            .store()
                            .pendingDeliveries(
                                RedisRelay.subscriptionName("redis", OrderPlaced.class))
                            .count())
                    .isZero());
  }

  @Test
  void anEntryTheServerRefuses_isADeadLetterAtOnce_notRetried() throws Exception {
    TestRedis server = TestRedis.shared();
    Streams streams = buses.add(new Streams(server));
    String key = "not-a-stream-" + UUID.randomUUID();
    streams.commands().set(key, "a string");
    UnifiedEventBus bus = buses.bus(Buses.storage());
    RedisRelay relay =
        buses.add(
            RedisRelay.builder(server.uri(), Buses.codec())
                .route(OrderPlaced.class, key, OrderPlaced::orderId)
                .retryPolicy(RetryPolicy.fixed(5, Duration.ofMillis(10)))
                .build());
    relay.attach(bus);

    bus.publish(new OrderPlaced("wrong-type", "a", 1));

    String subscription = RedisRelay.subscriptionName("redis", OrderPlaced.class);
    await().atMost(Duration.ofSeconds(20)).until(() -> !letters(bus, subscription).isEmpty());
    DeadLetter letter = letters(bus, subscription).get(0);
    assertThat(letter.errorType()).isEqualTo(RedisEntryRefusedException.class.getName());
    assertThat(letter.errorMessage())
        .contains("event wrong-type (order.placed) to stream " + key + " was refused")
        .contains("WRONGTYPE");
    assertThat(letter.attempts()).isEqualTo(1);
    assertThat(relay.stats()).isEqualTo(new RedisRelay.Stats(1, 0, 0, 1));
  }

  @Test
  void anEventWithoutId_isADeadLetterNamingTheRoute() {
    UnifiedEventBus bus = buses.bus(Buses.storage());
    RedisRelay relay =
        buses.add(
            RedisRelay.builder("redis://127.0.0.1:1", Buses.codec())
                .route(OrderPlaced.class, "orders", order -> " ")
                .build());
    relay.attach(bus);

    bus.publish(new OrderPlaced("o-1", "a", 1));

    String subscription = RedisRelay.subscriptionName("redis", OrderPlaced.class);
    await().atMost(Duration.ofSeconds(10)).until(() -> letters(bus, subscription).size() == 1);
    DeadLetter letter = letters(bus, subscription).get(0);
    assertThat(letter.errorType()).isEqualTo(RedisEntryRefusedException.class.getName());
    assertThat(letter.errorMessage())
        .isEqualTo(
            "the event id of a dev.eventbus.transportsupport.OrderPlaced for stream orders is blank: the"
                + " route's id function must give every event an id");
    assertThat(relay.stats().sendAttempts()).isZero();
  }

  @Test
  void badConfiguration_isRefusedByName() {
    BuilderRefusals.relay(
        () -> RedisRelay.builder("redis://127.0.0.1:1", Buses.codec()),
        RedisRelay.Builder::build,
        "Redis",
        "stream",
        "RedisStream");
    assertThatThrownBy(
            () ->
                RedisRelay.builder("redis://127.0.0.1:1", Buses.codec())
                    .sendTimeout(Duration.ofMillis(99)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sendTimeout must be >= 100 ms but was PT0.099S");
    assertThatThrownBy(() -> RedisRelay.builder(" ", Buses.codec()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("redisUri must not be blank");
    assertThatThrownBy(
            () ->
                RedisRelay.builder("http://nowhere", Buses.codec())
                    .route(OrderPlaced.class, "a", OrderPlaced::orderId)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("redisUri is not a Redis URI (redis://host:port): http://nowhere");
  }

  @Test
  void attachingTwiceOrAfterClose_isRefused() {
    UnifiedEventBus bus = buses.bus(Buses.storage());
    RedisRelay relay =
        RedisRelay.builder("redis://127.0.0.1:1", Buses.codec())
            .route(OrderPlaced.class, "orders", OrderPlaced::orderId)
            .build();
    assertThat(relay.attach(bus))
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.name())
                    .isEqualTo("redis-relay:redis:dev.eventbus.transportsupport.OrderPlaced"));
    assertThatThrownBy(() -> relay.attach(bus))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the Redis relay redis is attached to a bus already");
    relay.close();
    assertThatThrownBy(() -> relay.attach(bus))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the Redis relay redis is closed");
  }

  private static List<DeadLetter> letters(UnifiedEventBus bus, String subscription) {
    return bus.deadLetters()
        .orElseThrow()
        .letters(DeadLetterFilter.all().subscription(subscription));
  }
}
