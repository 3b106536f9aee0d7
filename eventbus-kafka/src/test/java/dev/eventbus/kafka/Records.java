package dev.eventbus.kafka;

import dev.eventbus.api.spi.EventCodec;
import dev.eventbus.testkit.TransportContract;
import dev.eventbus.transport.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A plain Kafka consumer and producer, to see what the relay sent and to send what it would not.
 */
final class Records {

  private Records() {}

  /**
   * Reads {@code topic} from the beginning until records of {@code count} distinct event ids came,
   * or 30 s passed.
   */
  static List<ConsumerRecord<String, byte[]>> read(String bootstrap, String topic, int count) {
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      java.util.Set<String> ids = new java.util.HashSet<>();
      while (ids.size() < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          records.add(record);
          ids.add(String.valueOf(header(record, KafkaHeaders.EVENT_ID)));
        }
      }
    }
    return records;
  }

  static KafkaProducer<String, byte[]> producer(String bootstrap) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Writes the record the relay wrote for {@code event} once more, as a redelivery would. */
  static void sendAgain(
      KafkaProducer<String, byte[]> producer,
      String topic,
      TransportContract.Keyed event,
      EventCodec codec)
      throws Exception {
    OutboundMessage message = OutboundMessage.encode(event, event.id(), codec, null);
    RecordHeaders headers = new RecordHeaders();
    message.fields().forEach((field, value) -> headers.add(field, utf8(value)));
    producer
        .send(new ProducerRecord<>(topic, null, event.key(), message.payload(), headers))
        .get(10, TimeUnit.SECONDS);
  }

  /** Writes a record without headers whose value is no JSON. */
  static void sendUndecodable(KafkaProducer<String, byte[]> producer, String topic)
      throws Exception {
    producer
        .send(new ProducerRecord<>(topic, "k", utf8("no headers, not JSON")))
        .get(10, TimeUnit.SECONDS);
  }
}
