/**
 * The demo's load runs: a mixed workload through every processing mode at once, with a live
 * progress line and a per-mode table of throughput and latency ({@code --metrics}), or for many
 * minutes with the heap measured after garbage collection ({@code --soak}).
 */
@NullMarked
package dev.eventbus.examples.load;

import org.jspecify.annotations.NullMarked;
