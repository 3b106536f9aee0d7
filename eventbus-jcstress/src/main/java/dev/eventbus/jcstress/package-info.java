/**
 * jcstress tests of the bus's concurrency contracts, run through the public API the way users build
 * and use buses: registry snapshot swaps, async lane hand-off and ordering, overflow accounting,
 * and stop while publishing. See the module's README for how to run them.
 */
@NullMarked
package dev.eventbus.jcstress;

import org.jspecify.annotations.NullMarked;
