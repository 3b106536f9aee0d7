/**
 * The processing modes of the unified event bus and {@link
 * dev.eventbus.processors.EventBusFactory}, the entry point that wires a complete bus.
 */
@NullMarked
package dev.eventbus.processors;

import org.jspecify.annotations.NullMarked;
