/**
 * ArchUnit rules that keep a code base off the legacy event buses once it has been migrated to the
 * unified event bus: {@link dev.eventbus.migration.archunit.LegacyEventBusRules}.
 *
 * <p>The rules are meant for users' own test suites. They are plain {@link
 * com.tngtech.archunit.lang.ArchRule}s, so they can be checked directly, declared as {@code
 * ArchTest} fields, or wrapped in {@link com.tngtech.archunit.library.freeze.FreezingArchRule} for
 * gradual adoption.
 *
 * @since 0.1
 */
@NullMarked
package dev.eventbus.migration.archunit;

import org.jspecify.annotations.NullMarked;
