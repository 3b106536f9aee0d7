/**
 * The usage example of the repository's README, kept compiling: {@link
 * dev.eventbus.examples.readme.ReadmeExample} holds the README's code block verbatim, and a test
 * fails when the two differ.
 */
@NullMarked
package dev.eventbus.examples.readme;

import org.jspecify.annotations.NullMarked;
