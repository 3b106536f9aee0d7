/** Internal: the bus's counters. Not API. */
@NullMarked
package dev.eventbus.core.internal.metrics;

import org.jspecify.annotations.NullMarked;
