/**
 * Storage for the bus: {@link dev.eventbus.durable.UpcasterChain}, which brings stored events of
 * old versions to the current shape on every read path, and in-memory {@link
 * dev.eventbus.api.spi.EventStore} and {@link dev.eventbus.api.spi.SnapshotStore} implementations
 * for tests and for buses that need the store's API without durability.
 */
@NullMarked
package dev.eventbus.durable;

import org.jspecify.annotations.NullMarked;
