/**
 * The public API of the unified event bus: {@link dev.eventbus.api.UnifiedEventBus}, the handler
 * and filter types, subscription options, the bus's configuration ({@link
 * dev.eventbus.api.EventBusConfig} and its parts) and the values a bus reports ({@link
 * dev.eventbus.api.PublishResult}, {@link dev.eventbus.api.EventBusStats}).
 *
 * <p>Configuration values are records with builders. Every value is checked when the record is made
 * (by a builder's {@code build()} or its constructor); a bad value throws {@link
 * IllegalArgumentException} whose message names the field and the value, a null one {@link
 * NullPointerException} naming the field.
 *
 * <p>This module depends on the JDK only (plus JSpecify annotations). Every type is null-marked:
 * parameters and results are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.eventbus.api;

import org.jspecify.annotations.NullMarked;
