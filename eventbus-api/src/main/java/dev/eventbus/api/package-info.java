/**
 * The public API of the unified event bus: {@link dev.eventbus.api.UnifiedEventBus}, the handler
 * and filter types, subscription options and the values a bus reports ({@link
 * dev.eventbus.api.PublishResult}, {@link dev.eventbus.api.EventBusStats}).
 *
 * <p>This module depends on the JDK only (plus JSpecify annotations). Every type is null-marked:
 * parameters and results are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.eventbus.api;

import org.jspecify.annotations.NullMarked;
