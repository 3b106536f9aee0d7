/**
 * Annotation-driven subscription: {@link
 * dev.eventbus.core.internal.annotation.SubscriberMethodScanner} finds and checks a listener's
 * annotated methods and binds each to a fast invoker, for any annotation type (the unified {@link
 * dev.eventbus.api.Subscribe} and adapters' legacy ones alike); {@link
 * dev.eventbus.core.internal.annotation.AnnotatedListeners} subscribes a listener's
 * {@code @Subscribe} methods to a bus.
 */
@NullMarked
package dev.eventbus.core.internal.annotation;

import org.jspecify.annotations.NullMarked;
