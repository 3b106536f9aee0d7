/** A listener in a package the examples' module descriptor opens to the engine. */
@NullMarked
package dev.eventbus.examples.modules.opened;

import org.jspecify.annotations.NullMarked;
