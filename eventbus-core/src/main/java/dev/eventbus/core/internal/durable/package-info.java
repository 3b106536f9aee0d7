/**
 * Durable delivery, internal to the core: the group-commit append queue, the completion writer, and
 * the tracking that ties each delivery of a stored event to its pending record.
 */
@NullMarked
package dev.eventbus.core.internal.durable;

import org.jspecify.annotations.NullMarked;
