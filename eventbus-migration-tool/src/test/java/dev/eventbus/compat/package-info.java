/**
 * Test stand-in for the compat shim of {@code eventbus-compat}, which this module does not depend
 * on.
 */
@NullMarked
package dev.eventbus.compat;

import org.jspecify.annotations.NullMarked;
