package dev.eventbus.kafka;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The Kafka topic an event class goes to when a {@link KafkaRelay} routes it without naming a topic
 * ({@link KafkaRelay.Builder#route(Class, java.util.function.Function)}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface KafkaTopic {

  /**
   * The topic's name; not blank.
   *
   * @return the topic
   */
  String value();
}
