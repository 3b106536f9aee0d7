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
 * <p>Everything {@link SubscriptionOptions} sets can be set here too: the {@link #name()}, the
 * {@link #retry()} policy, the {@link #overflowPolicy()}, the {@link #concurrency()}, {@link
 * #afterCommit()}, the mode, the priority and the filter. An attribute left at its default leaves
 * the option unset, so the bus's default applies, as with the builder. A value out of range fails
 * {@code register}, with a message naming the method and the attribute.
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
   *
   * @return no mode, or the one mode
   */
  ProcessingMode[] mode() default {};

  /**
   * The delivery priority (higher runs first, see {@link EventHandler#priority()}); the default is
   * {@link EventHandler#DEFAULT_PRIORITY}, the priority of any handler that does not say otherwise.
   *
   * @return the priority
   */
  int priority() default EventHandler.DEFAULT_PRIORITY;

  /**
   * A type name for a string-typed subscription (see {@link UnifiedEventBus#subscribe(String,
   * EventHandler, SubscriptionOptions)}), or {@code "*"} for every event; empty (the default) for a
   * subscription by the parameter's class. When set, the parameter type should be {@code Object} or
   * a supertype of every event of that name: an event that is not an instance of it is a failed
   * delivery with a {@link ClassCastException} naming the method.
   *
   * @return the type name, {@code "*"}, or empty
   */
  String eventType() default "";

  /**
   * The subscription's filter: a concrete class with a public no-arg constructor, instantiated once
   * per registration. The default, {@code EventFilter.class} itself, means no filter.
   *
   * @return the filter class, or {@code EventFilter.class} for none
   */
  Class<? extends EventFilter> filter() default EventFilter.class;

  /**
   * The subscription's name (see {@link SubscriptionOptions#name()}): stable and unique per bus
   * where it matters (durable buses, meters). Empty (the default) means the method's own name,
   * {@code ListenerClass#method(ParameterType)}.
   *
   * @return the name, or empty
   */
  String name() default "";

  /**
   * The retry policy: empty (the default) means the bus's default policy; one element gives the
   * method's own. More than one element is rejected when the listener is registered.
   *
   * @return no policy, or the one policy
   */
  Retry[] retry() default {};

  /**
   * What a full queue does with this subscription's deliveries: empty (the default) means the bus's
   * policy; one element names the method's own. More than one element is rejected when the listener
   * is registered.
   *
   * @return no policy, or the one policy
   */
  OverflowPolicy[] overflowPolicy() default {};

  /**
   * How many deliveries of an {@code ASYNC} subscription may run at once, in no particular order
   * (see {@link SubscriptionOptions#concurrency()}), in [1, 1024]; 1 (the default) keeps per-key
   * order. Above 1 only in {@code ASYNC} mode.
   *
   * @return the concurrency
   */
  int concurrency() default 1;

  /**
   * Whether a {@code SYNC} method sees an event published {@linkplain
   * UnifiedEventBus#publish(Object, EventTransaction) in a transaction} only once that transaction
   * has committed, never after a rollback (see {@link SubscriptionOptions#afterCommit()}); {@code
   * false} (the default) runs it inside the transaction. Methods of every other mode always get
   * such events after the commit.
   *
   * @return whether a {@code SYNC} method waits for the commit
   */
  boolean afterCommit() default false;

  /**
   * A retry policy for {@link Subscribe#retry()}, as {@link RetryPolicy#builder()} makes one; each
   * attribute's default is the builder's.
   *
   * @since 0.1
   */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target({})
  @interface Retry {

    /**
     * Attempts per delivery, the first included, at least 1.
     *
     * @return the attempts
     */
    int maxAttempts();

    /**
     * The shape of the waits between attempts.
     *
     * @return the backoff
     */
    RetryPolicy.Backoff backoff() default RetryPolicy.Backoff.FIXED;

    /**
     * The wait before the second attempt, in milliseconds, at least 0.
     *
     * @return the wait
     */
    long initialDelayMillis() default 0;

    /**
     * The longest wait between two attempts, in milliseconds, at least {@link
     * #initialDelayMillis()}.
     *
     * @return the wait
     */
    long maxDelayMillis() default 30_000;

    /**
     * The factor between two {@code EXPONENTIAL} waits, at least 1.0.
     *
     * @return the factor
     */
    double multiplier() default 1.0;

    /**
     * The random share of each wait, in [0, 1].
     *
     * @return the share
     */
    double jitter() default 0.0;
  }
}
