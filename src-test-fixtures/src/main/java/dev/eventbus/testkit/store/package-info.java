/**
 * Contract tests for storage SPIs: {@link dev.eventbus.testkit.store.EventStoreContract} and {@link
 * dev.eventbus.testkit.store.SnapshotStoreContract}, extended by every implementation (in memory,
 * JDBC on each database) so that all of them behave alike.
 */
@NullMarked
package dev.eventbus.testkit.store;

import org.jspecify.annotations.NullMarked;
