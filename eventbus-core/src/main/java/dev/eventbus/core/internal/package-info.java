/** Helpers the engine's internal packages share. Not an API: may change in any release. */
@NullMarked
package dev.eventbus.core.internal;

import org.jspecify.annotations.NullMarked;
