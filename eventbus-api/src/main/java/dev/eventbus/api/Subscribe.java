package dev.eventbus.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a listener object as a subscriber, for {@link
 * UnifiedEventBus#register(Object)}. The method takes exactly one parameter, the event, of a
 * reference type; it must not be static; its return value, if any, is ignored; it may have any
 * access modifier as long as the bus can reach it (always so on the class path; in a named module
 * the listener's package must be open to the bus's module).
 *
 * <p>Without {@link #eventType()} the method receives every event that is an instance of its
 * parameter type, as {@link UnifiedEventBus#subscribe(Class, EventHandler, SubscriptionOptions)}
 * would deliver it. Whatever the method throws is the handler's failure, reported as such (never
 * wrapped in a reflection exception).
 *
 * <p>Annotated methods of superclasses and interfaces count too. A method that overrides an
 * annotated method counts once, whether or not it repeats the annotation: the bus calls the
 * override (ordinary virtual dispatch), with the attributes of the most specific annotated
 * declaration.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Subscribe {

  /**
   * The processing mode: empty (the default) means the bus's default mode; one element names the
   * mode. More than one element is rejected when the listener is registered.
   */
  ProcessingMode[] mode() default {};

  /**
   * The delivery priority (higher runs first, see {@link EventHandler#priority()}); the default is
   * {@link EventHandler#DEFAULT_PRIORITY}, the priority of any handler that does not say otherwise.
   */
  int priority() default EventHandler.DEFAULT_PRIORITY;

  /**
   * A type name for a string-typed subscription (see {@link UnifiedEventBus#subscribe(String,
   * EventHandler, SubscriptionOptions)}), or {@code "*"} for every event; empty (the default) for a
   * subscription by the parameter's class. When set, the parameter type should be {@code Object} or
   * a supertype of every event of that name: an event that is not an instance of it is a failed
   * delivery with a {@link ClassCastException} naming the method.
   */
  String eventType() default "";

  /**
   * The subscription's filter: a concrete class with a public no-arg constructor, instantiated once
   * per registration. The default, {@code EventFilter.class} itself, means no filter.
   */
  Class<? extends EventFilter> filter() default EventFilter.class;
}
