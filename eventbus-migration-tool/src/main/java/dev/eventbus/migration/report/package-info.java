/**
 * Renders a {@link dev.eventbus.migration.MigrationReport} as text, JSON, Markdown or SARIF 2.1.0.
 */
@NullMarked
package dev.eventbus.migration.report;

import org.jspecify.annotations.NullMarked;
