/**
 * What the transports' tests share: {@link dev.eventbus.transportsupport.TestBuses} (durable buses
 * on in-memory stores, closed together), {@link dev.eventbus.transportsupport.OrderPlaced} (the
 * keyed test event), {@link dev.eventbus.transportsupport.OutageScenario} (the broker stopped and
 * started again under a relay and an inbound side), and the real servers the tests and the relay
 * benchmarks start: {@link dev.eventbus.transportsupport.KafkaBroker} (KRaft, in a child JVM) and
 * {@link dev.eventbus.transportsupport.RedisServer} (Debian's {@code redis-server}).
 */
@NullMarked
package dev.eventbus.transportsupport;

import org.jspecify.annotations.NullMarked;
