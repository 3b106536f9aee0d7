/**
 * The engine of the unified event bus: {@link dev.eventbus.core.EventBusCore}, which implements
 * {@link dev.eventbus.api.UnifiedEventBus} on top of a copy-on-write subscription registry and a
 * sharded dispatcher, and delegates each delivery to the {@link
 * dev.eventbus.core.spi.EventProcessor} of the subscription's mode.
 */
@NullMarked
package dev.eventbus.core;

import org.jspecify.annotations.NullMarked;
