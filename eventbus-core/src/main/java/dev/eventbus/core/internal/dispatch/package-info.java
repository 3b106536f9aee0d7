/** Internal: routing of one event to its subscriptions' processors. Not API. */
@NullMarked
package dev.eventbus.core.internal.dispatch;

import org.jspecify.annotations.NullMarked;
