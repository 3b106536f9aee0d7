/**
 * JMH benchmarks of the unified bus against its peers. Run them from the shaded jar ({@code java
 * -jar eventbus-benchmarks/target/benchmarks.jar}); {@code docs/benchmarks.md} records the
 * commands, the machine and the results.
 */
@NullMarked
package dev.eventbus.benchmarks;

import org.jspecify.annotations.NullMarked;
