package dev.eventbus.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.transportsupport.OrderPlaced;
import dev.eventbus.transportsupport.TraceScenario;
import io.lettuce.core.StreamMessage;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One trace from a publish in one service to a handler in another across a Redis stream: the relay
 * writes the publisher's trace as the {@code traceparent} field through the bus's propagator, the
 * inbound side publishes the entry's event in it ({@link TraceScenario}).
 */
class RedisTracingTest {

  private final Buses buses = new Buses();
  private final TraceScenario trace = buses.add(new TraceScenario());

  @AfterEach
  void closeAll() {
    buses.close();
  }

  /** The receiving bus with the scenario's handler, its inbound side with or without propagator. */
  private void receive(TestRedis server, String stream, boolean continueTheTrace) {
    DurableStorage receiverStorage = Buses.storage();
    UnifiedEventBus receiver = buses.bus(receiverStorage, trace.propagator());
    trace.handleOn(receiver);
    RedisInbound.Builder inbound =
        RedisInbound.builder(server.uri(), "g-" + UUID.randomUUID(), receiver, receiverStorage)
            .streams(stream);
    if (continueTheTrace) {
      inbound.contextPropagator(trace.propagator());
    }
    buses.add(inbound.build().start());
  }

  @Test
  void theHandlerBehindTheStreamContinuesThePublishersTrace() throws Exception {
    TestRedis server = TestRedis.shared();
    Streams streams = buses.add(new Streams(server));
    String stream = "traced-" + UUID.randomUUID();
    UnifiedEventBus sender = buses.bus(Buses.storage(), trace.propagator());
    buses
        .add(
            RedisRelay.builder(server.uri(), Buses.codec())
                .route(OrderPlaced.class, stream, OrderPlaced::orderId)
                .contextPropagator(trace.propagator())
                .build())
        .attach(sender);
    receive(server, stream, true);

    trace.publish(sender);

    trace.assertTheHandlerContinuedThePublishersTrace();
    List<Map<String, String>> entries =
        streams.all(stream).stream().map(StreamMessage::getBody).toList();
    assertThat(entries).hasSize(2);
    assertThat(entries.get(0).get(RedisFields.TRACEPARENT)).isEqualTo(trace.expectedTraceparent());
    assertThat(entries.get(1)).doesNotContainKeys(RedisFields.TRACEPARENT, RedisFields.TRACESTATE);
  }

  @Test
  void anInboundSideWithoutPropagator_publishesOutsideTheEntrysTrace() throws Exception {
    TestRedis server = TestRedis.shared();
    Streams streams = buses.add(new Streams(server));
    String stream = "untraced-" + UUID.randomUUID();
    receive(server, stream, false);
    streams.add(
        stream,
        RedisFields.EVENT_ID,
        "order-9",
        RedisFields.EVENT_TYPE,
        OrderPlaced.TYPE,
        RedisFields.EVENT_VERSION,
        "1",
        RedisFields.TRACEPARENT,
        "00-" + "ab".repeat(16) + "-" + "cd".repeat(8) + "-01",
        RedisFields.PAYLOAD,
        "{\"orderId\":\"order-9\",\"account\":\"a\",\"sequence\":9}");

    assertThat(trace.handled("order-9").getParentSpanContext().isValid()).isFalse();
    assertThat(trace.handled("order-9").getTraceId()).isNotEqualTo("ab".repeat(16));
  }
}
