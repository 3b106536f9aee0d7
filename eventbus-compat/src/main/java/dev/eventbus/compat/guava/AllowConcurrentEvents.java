package dev.eventbus.compat.guava;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a {@link Subscribe} method is thread-safe, so that the bus may call it from several
 * threads at once. Without it, calls to one subscriber method of one registered object never
 * overlap. Has no effect on a method that is not also annotated {@link Subscribe}.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AllowConcurrentEvents {}
