/**
 * Service provider interfaces the bus calls out to: event and snapshot storage, event upcasting and
 * dead-letter handling. Implementations must be thread-safe.
 */
@NullMarked
package dev.eventbus.api.spi;

import org.jspecify.annotations.NullMarked;
