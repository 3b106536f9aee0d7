package dev.eventbus.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.transportsupport.OrderPlaced;
import dev.eventbus.transportsupport.TraceScenario;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One trace from a publish in one service to a handler in another: the relay writes the publisher's
 * trace as {@code traceparent}, the inbound side publishes the record's event in it ({@link
 * TraceScenario}).
 */
class KafkaTracingTest {

  private final Buses buses = new Buses();
  private final TraceScenario trace = buses.add(new TraceScenario());

  @AfterEach
  void closeAll() {
    buses.close();
  }

  @Test
  void theHandlerBehindTheBrokerContinuesThePublishersTrace() throws Exception {
    TestBroker broker = TestBroker.shared();
    String topic = "traced-" + UUID.randomUUID();
    broker.createTopic(topic, 1);

    UnifiedEventBus sender = buses.bus(Buses.storage(), trace.propagator());
    buses
        .add(
            KafkaRelay.builder(broker.bootstrapServers(), Buses.codec())
                .route(OrderPlaced.class, topic, OrderPlaced::orderId)
                .contextPropagator(trace.propagator())
                .build())
        .attach(sender);
    DurableStorage receiverStorage = Buses.storage();
    UnifiedEventBus receiver = buses.bus(receiverStorage, trace.propagator());
    trace.handleOn(receiver);
    buses.add(
        KafkaInbound.builder(
                broker.bootstrapServers(), "g-" + UUID.randomUUID(), receiver, receiverStorage)
            .topics(topic)
            .contextPropagator(trace.propagator())
            .build()
            .start());

    trace.publish(sender);

    trace.assertTheHandlerContinuedThePublishersTrace();
    List<ConsumerRecord<String, byte[]>> records =
        Records.read(broker.bootstrapServers(), topic, 2);
    assertThat(records).hasSize(2);
    assertThat(Records.header(records.get(0), KafkaHeaders.TRACEPARENT))
        .isEqualTo(trace.expectedTraceparent());
    assertThat(records.get(1).headers().lastHeader(KafkaHeaders.TRACEPARENT)).isNull();
    assertThat(records.get(1).headers().lastHeader(KafkaHeaders.TRACESTATE)).isNull();
  }
}
