/**
 * What registering a listener needs on the module path: its package open to {@code
 * dev.eventbus.core} (see this module's descriptor), or public methods in a public class of an
 * exported package.
 */
@NullMarked
package dev.eventbus.examples.modules;

import org.jspecify.annotations.NullMarked;
