/** ArchUnit tests of this project's own production classes: layering and the shipped rules. */
@NullMarked
package dev.eventbus.arch;

import org.jspecify.annotations.NullMarked;
