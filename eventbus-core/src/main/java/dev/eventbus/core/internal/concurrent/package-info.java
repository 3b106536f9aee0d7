/**
 * Concurrency building blocks the engine's hot paths share with the processors: counts alone on
 * their cache lines ({@link dev.eventbus.core.internal.concurrent.PaddedLong}). A leaf package: it
 * depends on nothing else of the engine. Exported to {@code eventbus-processors} only.
 */
@NullMarked
package dev.eventbus.core.internal.concurrent;

import org.jspecify.annotations.NullMarked;
