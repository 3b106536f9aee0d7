/** Tests of the Guava-compatible event bus, written from Guava's documented behaviour. */
@NullMarked
package dev.eventbus.compat.guava;

import org.jspecify.annotations.NullMarked;
