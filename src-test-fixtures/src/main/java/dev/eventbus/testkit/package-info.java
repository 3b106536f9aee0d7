/**
 * The test kit of the unified event bus: {@link dev.eventbus.testkit.UnifiedEventBusContract}, the
 * abstract contract test every bus implementation and adapter extends, and the recording handlers
 * and sample events it (and users' own tests) are written with.
 */
@NullMarked
package dev.eventbus.testkit;

import org.jspecify.annotations.NullMarked;
