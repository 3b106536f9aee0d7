/**
 * Reliability tests: concurrent accounting under churn, fault injection (errors, blocking and
 * interrupted handlers, re-entrant publishing, failing and slow stores, clock jumps) and a
 * model-based comparison of the bus against a reference model.
 */
@org.jspecify.annotations.NullMarked
package dev.eventbus.processors.reliability;
