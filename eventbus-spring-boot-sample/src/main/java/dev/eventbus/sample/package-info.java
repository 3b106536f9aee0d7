/** A Spring Boot web application whose beans subscribe with {@code @Subscribe}. */
@NullMarked
package dev.eventbus.sample;

import org.jspecify.annotations.NullMarked;
