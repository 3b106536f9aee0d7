/**
 * Conversions between the legacy {@code vm.core.event} bus and the native {@link
 * dev.eventbus.api.UnifiedEventBus}, for code that is migrated one part at a time: both sides of a
 * bridge deliver through one engine, so each sees the other's events and subscriptions.
 *
 * <p>Every type is null-marked: parameters and results are non-null unless annotated
 * {@code @Nullable}.
 *
 * @since 0.1
 */
@NullMarked
package dev.eventbus.compat.bridge;

import org.jspecify.annotations.NullMarked;
