/**
 * Service provider interfaces the bus calls out to: event and snapshot storage, event upcasting,
 * dead-letter handling and metrics listeners. Implementations must be thread-safe.
 */
@NullMarked
package dev.eventbus.api.spi;

import org.jspecify.annotations.NullMarked;
