package dev.eventbus.kafka;

import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.EventCodec;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.testkit.TransportContract;
import dev.eventbus.transportsupport.BusLink;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;

/** The transport contract on Kafka: a relay and a consumer group on a topic of three partitions. */
class KafkaTransportContractTest extends TransportContract {

  @Override
  protected Link link() throws Exception {
    TestBroker broker = TestBroker.shared();
    String topic = "contract-" + UUID.randomUUID();
    broker.createTopic(topic, 3);
    Buses buses = new Buses();
    UnifiedEventBus sender = buses.keyedSender(broker.bootstrapServers(), topic);
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
        Records.sendAgain(producer, topic, event, codec);
      }

      @Override
      public void sendUndecodable() throws Exception {
        Records.sendUndecodable(producer, topic);
      }
    };
  }
}
