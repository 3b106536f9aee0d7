/**
 * Kafka between services: {@link dev.eventbus.kafka.KafkaRelay} (outbound, on the durable outbox)
 * and {@link dev.eventbus.kafka.KafkaInbound} (a consumer group publishing into the local bus).
 */
@NullMarked
package dev.eventbus.kafka;

import org.jspecify.annotations.NullMarked;
