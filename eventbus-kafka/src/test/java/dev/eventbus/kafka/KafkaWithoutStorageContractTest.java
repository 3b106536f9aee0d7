package dev.eventbus.kafka;

import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.EventCodec;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.durable.InMemoryProcessedEventLog;
import dev.eventbus.testkit.TransportContract.Keyed;
import dev.eventbus.testkit.TransportWithoutStorageContract;
import dev.eventbus.transport.OutboundMessage;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The inbound side on a bus without storage, on Kafka: offsets are committed only once the local
 * handlers finished.
 */
class KafkaWithoutStorageContractTest extends TransportWithoutStorageContract {

  @Override
  protected UnstoredLink link(int dedupWindow) throws Exception {
    TestBroker broker = TestBroker.shared();
    String topic = "unstored-" + UUID.randomUUID();
    String group = "unstored-" + UUID.randomUUID();
    broker.createTopic(topic, 3);
    Buses buses = new Buses();
    UnifiedEventBus sender = buses.bus(Buses.storage());
    buses
        .add(
            KafkaRelay.builder(broker.bootstrapServers(), Buses.codec())
                .route(Keyed.class, topic, Keyed::id)
                .build())
        .attach(sender);
    // Decodes, and keeps the dead letters; the bus itself stores nothing.
    DurableStorage decoding = Buses.storage();
    InMemoryProcessedEventLog processed = InMemoryProcessedEventLog.withCapacity(dedupWindow);
    KafkaProducer<String, byte[]> producer = buses.add(Records.producer(broker.bootstrapServers()));
    Admin admin = buses.add(broker.admin());
    EventCodec codec = Buses.codec();
    return new UnstoredLink() {
      private Buses receiving = new Buses();
      private UnifiedEventBus receiver = open();

      private UnifiedEventBus open() {
        UnifiedEventBus bus = receiving.busWithoutStorage();
        receiving.add(
            KafkaInbound.builder(broker.bootstrapServers(), group, bus, decoding)
                .topics(topic)
                .processedEvents(processed)
                .retryBackoff(RETRY_BACKOFF)
                .build()
                .start());
        return bus;
      }

      @Override
      public UnifiedEventBus sender() {
        return sender;
      }

      @Override
      public UnifiedEventBus receiver() {
        return receiver;
      }

      @Override
      public UnifiedEventBus restartReceiver() {
        receiving.close();
        receiving = new Buses();
        receiver = open();
        return receiver;
      }

      @Override
      public long unacknowledged() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin
                .listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest =
            admin
                .describeTopics(java.util.List.of(topic))
                .allTopicNames()
                .get(10, TimeUnit.SECONDS)
                .get(topic)
                .partitions()
                .stream()
                .collect(
                    Collectors.toMap(
                        p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
        long total = 0;
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end :
            ends.entrySet()) {
          OffsetAndMetadata done = committed.get(end.getKey());
          total += end.getValue().offset() - (done == null ? 0 : done.offset());
        }
        return total;
      }

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

      @Override
      public void close() {
        try {
          receiving.close();
        } finally {
          buses.close();
        }
      }
    };
  }
}
