package dev.eventbus.kafka;

import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.EventCodec;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.durable.InMemoryProcessedEventLog;
import dev.eventbus.testkit.TransportContract.Keyed;
import dev.eventbus.testkit.TransportWithoutStorageContract;
import dev.eventbus.transportsupport.UnstoredBusLink;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;

/**
 * The inbound side on a bus without storage, on Kafka: offsets are committed only once the local
 * handlers finished.
 */
class KafkaWithoutStorageContractTest extends TransportWithoutStorageContract {

  private static final int PARTITIONS = 3;

  @Override
  protected UnstoredLink link(int dedupWindow) throws Exception {
    TestBroker broker = TestBroker.shared();
    String topic = "unstored-" + UUID.randomUUID();
    String group = "unstored-" + UUID.randomUUID();
    broker.createTopic(topic, PARTITIONS);
    Buses buses = new Buses();
    UnifiedEventBus sender = buses.keyedSender(broker.bootstrapServers(), topic);
    // Decodes, and keeps the dead letters; the bus itself stores nothing.
    DurableStorage decoding = Buses.storage();
    InMemoryProcessedEventLog processed = InMemoryProcessedEventLog.withCapacity(dedupWindow);
    KafkaProducer<String, byte[]> producer = buses.add(Records.producer(broker.bootstrapServers()));
    Admin admin = buses.add(broker.admin());
    EventCodec codec = Buses.codec();
    return new UnstoredBusLink(buses, sender) {
      @Override
      protected AutoCloseable startInbound(UnifiedEventBus bus) {
        return KafkaInbound.builder(broker.bootstrapServers(), group, bus, decoding)
            .topics(topic)
            .processedEvents(processed)
            .retryBackoff(RETRY_BACKOFF)
            .build()
            .start();
      }

      @Override
      public long unacknowledged() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin
                .listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int partition = 0; partition < PARTITIONS; partition++) {
          latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
        }
        long total = 0;
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end :
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet()) {
          OffsetAndMetadata done = committed.get(end.getKey());
          total += end.getValue().offset() - (done == null ? 0 : done.offset());
        }
        return total;
      }

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
