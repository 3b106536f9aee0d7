/**
 * The VM project's legacy synchronous event bus API, at its original names, as thin adapters over
 * {@link dev.eventbus.api.UnifiedEventBus}. This package is part of the compat surface of the
 * unified event bus: it exists so that code written against the old {@code vm.core.event} jar
 * compiles and behaves unchanged after the jar is swapped for {@code eventbus-compat}. New code
 * should use {@code dev.eventbus.api} directly.
 *
 * <p>Legacy and native code can share one bus: a {@link vm.core.event.DomainEventBus} built over an
 * existing {@link dev.eventbus.api.UnifiedEventBus} sees, and is seen by, that bus's native
 * subscriptions, matched by {@link vm.core.event.DomainEvent#eventType()}.
 *
 * <p>Every type is null-marked: parameters and results are non-null unless annotated
 * {@code @Nullable}.
 *
 * @since 0.1
 */
@NullMarked
package vm.core.event;

import org.jspecify.annotations.NullMarked;
