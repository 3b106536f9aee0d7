package dev.eventbus.compat.guava;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as an event subscriber for {@link EventBus#register(Object)}. The method must take
 * exactly one parameter of a reference type; it receives every posted event that is an instance of
 * that type. Unless the method is also annotated {@link AllowConcurrentEvents}, the bus calls it
 * for one event at a time per registered object.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Subscribe {}
