/**
 * What the transports' tests share: {@link dev.eventbus.transportsupport.TestBuses} (durable buses
 * on in-memory stores, closed together), {@link dev.eventbus.transportsupport.OrderPlaced} (the
 * keyed test event) and {@link dev.eventbus.transportsupport.OutageScenario} (the broker stopped
 * and started again under a relay and an inbound side).
 */
@NullMarked
package dev.eventbus.transportsupport;

import org.jspecify.annotations.NullMarked;
