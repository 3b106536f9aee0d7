/**
 * Redis Streams between services: {@code RedisRelay} appends chosen event types from a durable bus
 * to streams, completing each delivery on the server's reply; {@code RedisInbound} publishes a
 * consumer group's entries into the local bus; {@code RedisStreamTrimmer} trims streams without
 * dropping an entry a group has not acknowledged.
 */
// lettuce-core ships no module descriptor: its name comes from its Automatic-Module-Name.
@SuppressWarnings("requires-automatic")
module dev.eventbus.redis {
  requires transitive dev.eventbus.api;
  requires transitive dev.eventbus.durable;
  requires transitive dev.eventbus.transport;
  requires static org.jspecify;
  requires lettuce.core;

  exports dev.eventbus.redis;
}
