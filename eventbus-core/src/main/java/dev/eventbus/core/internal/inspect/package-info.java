/**
 * Read-only questions about an engine's subscriptions that the public API does not answer, for the
 * one module that needs them: {@code eventbus-compat}, whose legacy bus shares its subscriptions
 * with native code ({@link dev.eventbus.core.internal.inspect.SubscriptionCounts}). Exported to
 * that module only.
 */
@NullMarked
package dev.eventbus.core.internal.inspect;

import org.jspecify.annotations.NullMarked;
