/** Internal: the copy-on-write subscription registry and type resolution. Not API. */
@NullMarked
package dev.eventbus.core.internal.registry;

import org.jspecify.annotations.NullMarked;
