/** The command line of the migration tool: {@link dev.eventbus.migration.cli.MigrationCli}. */
@NullMarked
package dev.eventbus.migration.cli;

import org.jspecify.annotations.NullMarked;
