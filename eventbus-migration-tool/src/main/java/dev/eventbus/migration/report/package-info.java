/** Renders a {@link dev.eventbus.migration.MigrationReport} as text or JSON. */
@NullMarked
package dev.eventbus.migration.report;

import org.jspecify.annotations.NullMarked;
