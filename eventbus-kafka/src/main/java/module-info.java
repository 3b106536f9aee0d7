/**
 * Kafka between services: {@code KafkaRelay} sends chosen event types from a durable bus to topics,
 * completing each delivery on the broker's acknowledgement; {@code KafkaInbound} publishes a
 * consumer group's records into the local bus.
 */
// kafka-clients ships no module descriptor: its name comes from the jar's file name.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.eventbus.kafka {
  requires transitive dev.eventbus.api;
  requires transitive dev.eventbus.durable;
  requires transitive dev.eventbus.transport;
  requires static org.jspecify;
  requires kafka.clients;

  exports dev.eventbus.kafka;
}
