package dev.eventbus.kafka;

import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.EventCodec;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.testkit.TransportContract;
import dev.eventbus.transport.OutboundMessage;
import dev.eventbus.transportsupport.BusLink;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The transport contract on Kafka: a relay and a consumer group on a topic of three partitions. */
class KafkaTransportContractTest extends TransportContract {

  @Override
  protected Link link() throws Exception {
    TestBroker broker = TestBroker.shared();
    String topic = "contract-" + UUID.randomUUID();
    broker.createTopic(topic, 3);
    Buses buses = new Buses();
    UnifiedEventBus sender = buses.bus(Buses.storage());
    buses
        .add(
            KafkaRelay.builder(broker.bootstrapServers(), Buses.codec())
                .route(Keyed.class, topic, Keyed::id)
                .build())
        .attach(sender);
    DurableStorage receiverStorage = Buses.storage();
    UnifiedEventBus receiver = buses.bus(receiverStorage);
    buses.add(
        KafkaInbound.builder(
                broker.bootstrapServers(),
                "contract-" + UUID.randomUUID(),
                receiver,
                receiverStorage)
            .topics(topic)
            .build()
            .start());
    KafkaProducer<String, byte[]> producer = buses.add(Records.producer(broker.bootstrapServers()));
    EventCodec codec = Buses.codec();
    return new BusLink(buses, sender, receiver) {
      @Override
      public void sendAgain(Keyed event) throws Exception {
        OutboundMessage message = OutboundMessage.encode(event, event.id(), codec, null);
        RecordHeaders headers = new RecordHeaders();
        message.fields().forEach((field, value) -> headers.add(field, Records.utf8(value)));
        producer
            .send(new ProducerRecord<>(topic, null, event.key(), message.payload(), headers))
            .get(10, TimeUnit.SECONDS);
      }

      @Override
      public void sendUndecodable() throws Exception {
        producer
            .send(new ProducerRecord<>(topic, "k", Records.utf8("no headers, not JSON")))
            .get(10, TimeUnit.SECONDS);
      }
    };
  }
}
