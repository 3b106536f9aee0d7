/** Tests of {@link dev.eventbus.archunit.EventBusRules}, on the fixtures in the sub-packages. */
@NullMarked
package dev.eventbus.archunit;

import org.jspecify.annotations.NullMarked;
