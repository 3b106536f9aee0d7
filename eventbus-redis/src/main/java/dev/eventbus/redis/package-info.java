/**
 * Redis Streams between services: {@link dev.eventbus.redis.RedisRelay} (outbound, on the durable
 * outbox), {@link dev.eventbus.redis.RedisInbound} (a consumer group publishing into the local bus)
 * and {@link dev.eventbus.redis.RedisStreamTrimmer} (trimming that keeps unacknowledged entries).
 */
@NullMarked
package dev.eventbus.redis;

import org.jspecify.annotations.NullMarked;
