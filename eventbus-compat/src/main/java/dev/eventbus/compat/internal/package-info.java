/**
 * Not API: the {@link dev.eventbus.core.internal.annotation.ForeignSubscribers} through which a
 * native bus subscribes the Guava-compatible {@code @Subscribe} methods.
 */
@NullMarked
package dev.eventbus.compat.internal;

import org.jspecify.annotations.NullMarked;
