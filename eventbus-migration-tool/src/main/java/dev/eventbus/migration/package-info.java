/**
 * Library API of the migration tool: {@link dev.eventbus.migration.MigrationHelper} scans a source
 * tree for uses of the legacy event-bus APIs ({@code vm.core.event} and Guava's {@code
 * com.google.common.eventbus}) and returns a {@link dev.eventbus.migration.MigrationReport}.
 *
 * <p>The scanner itself is package-private: it walks the tree, skips files that cannot mention a
 * legacy API, parses the rest with JavaParser on a bounded pool, and resolves names through each
 * file's imports.
 *
 * @since 0.1
 */
@NullMarked
package dev.eventbus.migration;

import org.jspecify.annotations.NullMarked;
