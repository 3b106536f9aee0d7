/**
 * OpenRewrite recipes that migrate Guava's EventBus and the legacy {@code vm.core.event} buses to
 * {@code eventbus-compat} and to the native API ({@code dev.eventbus.api}), on type-attributed
 * lossless trees, with the rules of {@link dev.eventbus.rewrite.MigrationRules}, which the
 * migration tool shares: its {@code migrate} runs these recipes through {@link
 * dev.eventbus.rewrite.TreeMigration}.
 *
 * <p>The recipes: {@link dev.eventbus.rewrite.GuavaToCompat}, {@link
 * dev.eventbus.rewrite.GuavaToNative}, {@link dev.eventbus.rewrite.CompatToNative} and {@link
 * dev.eventbus.rewrite.VmToNative}; {@code META-INF/rewrite/eventbus.yml} names them for the
 * rewrite Maven plugin. Every decision not to move a file is a row of {@link
 * dev.eventbus.rewrite.MigrationDecisions}.
 *
 * <p>This module has no {@code module-info}: OpenRewrite's jars are not modules, and {@code
 * rewrite-java} and each Java parser module ({@code rewrite-java-17}, {@code -21}, {@code -25}) put
 * classes in the same package ({@code org.openrewrite.java}), which the module path refuses. The
 * jar carries the Automatic-Module-Name {@code dev.eventbus.rewrite}; recipes run on the class
 * path, as the rewrite Maven plugin runs them.
 */
@NullMarked
package dev.eventbus.rewrite;

import org.jspecify.annotations.NullMarked;
