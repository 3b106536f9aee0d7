/**
 * The engine side of durable delivery: the journal the bus's builder installs (group-commit
 * appends, the completion writer, and the tracking that ties each delivery of a stored event to its
 * pending record). Not an API; exported only to the bus's builder.
 */
@NullMarked
package dev.eventbus.durable.internal;

import org.jspecify.annotations.NullMarked;
