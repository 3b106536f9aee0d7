package dev.eventbus.redis;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The Redis stream an event class goes to when a {@link RedisRelay} routes it without naming a
 * stream ({@link RedisRelay.Builder#route(Class, java.util.function.Function)}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RedisStream {

  /**
   * The stream's key; not blank.
   *
   * @return the stream
   */
  String value();
}
