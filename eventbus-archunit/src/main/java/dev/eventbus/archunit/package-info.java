/**
 * ArchUnit rules for users' test suites: {@link dev.eventbus.archunit.EventBusRules}. They keep a
 * code base off the legacy event-bus APIs, keep buses out of static state, keep events immutable
 * and subscriber methods well formed.
 *
 * <p>The rules are plain {@link com.tngtech.archunit.lang.ArchRule}s, so they can be checked
 * directly, declared as {@code ArchTest} fields, or wrapped in {@link
 * com.tngtech.archunit.library.freeze.FreezingArchRule} for gradual adoption. They name the
 * project's types by their fully qualified names, so this artifact depends on ArchUnit and JSpecify
 * only.
 *
 * @since 0.1
 */
@NullMarked
package dev.eventbus.archunit;

import org.jspecify.annotations.NullMarked;
