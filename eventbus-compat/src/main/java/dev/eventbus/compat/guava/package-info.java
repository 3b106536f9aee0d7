/**
 * A drop-in replacement for Guava's {@code com.google.common.eventbus} API, backed by the unified
 * bus: {@link dev.eventbus.compat.guava.EventBus}, {@link dev.eventbus.compat.guava.AsyncEventBus},
 * {@link dev.eventbus.compat.guava.Subscribe} and friends keep Guava's names, signatures and
 * documented behaviour, so that migrating is an import change.
 *
 * @since 0.1
 */
@NullMarked
package dev.eventbus.compat.guava;

import org.jspecify.annotations.NullMarked;
