/**
 * The journal hook: how durable delivery ({@code eventbus-durable}) plugs into the engine. Exported
 * only to the modules that implement and install it.
 */
@NullMarked
package dev.eventbus.core.journal;

import org.jspecify.annotations.NullMarked;
