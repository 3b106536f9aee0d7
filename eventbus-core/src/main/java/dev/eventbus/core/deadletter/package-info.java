/** The in-memory dead-letter queue every bus has unless it is given its own handler. */
@NullMarked
package dev.eventbus.core.deadletter;

import org.jspecify.annotations.NullMarked;
