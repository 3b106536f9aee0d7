/**
 * Durable delivery over the store SPIs of {@code dev.eventbus.api.spi}: {@link
 * dev.eventbus.durable.DurableStorage} (store, codec and upcasters) makes a bus durable when given
 * to its builder; {@link dev.eventbus.durable.EventReplayer} rebuilds projections; {@link
 * dev.eventbus.durable.IdempotentHandler} skips repeats of an at-least-once bus; {@link
 * dev.eventbus.durable.UpcasterChain} brings old versions to the current shape on every read path;
 * and in-memory stores serve tests.
 */
@NullMarked
package dev.eventbus.durable;

import org.jspecify.annotations.NullMarked;
