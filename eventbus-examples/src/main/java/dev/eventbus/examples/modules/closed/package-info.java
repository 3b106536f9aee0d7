/** A listener in a package the examples' module descriptor does not open. */
@NullMarked
package dev.eventbus.examples.modules.closed;

import org.jspecify.annotations.NullMarked;
