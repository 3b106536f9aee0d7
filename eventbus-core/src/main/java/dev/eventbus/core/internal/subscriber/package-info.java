/**
 * Internal: one subscription as the engine holds it ({@link
 * dev.eventbus.core.internal.subscriber.RegisteredSubscriber}) and its counters. Not API.
 */
@NullMarked
package dev.eventbus.core.internal.subscriber;

import org.jspecify.annotations.NullMarked;
