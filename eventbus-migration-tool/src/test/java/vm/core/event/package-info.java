/**
 * Test stand-in for the legacy VM event bus API, just enough of it for the fixtures to use. The
 * real one ships in the legacy VM jar and, under the same names, in {@code eventbus-compat}.
 */
@NullMarked
package vm.core.event;

import org.jspecify.annotations.NullMarked;
