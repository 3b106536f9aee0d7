/**
 * {@link dev.eventbus.api.spi.DurableEventStore} and {@link dev.eventbus.api.spi.SnapshotStore} on
 * a relational database over JDBC: SQLite, the embedded default, and PostgreSQL. A {@link
 * dev.eventbus.store.jdbc.JdbcDatabase} holds the connection pool and migrates the schema when it
 * opens; {@link dev.eventbus.store.jdbc.JdbcEventStore} and {@link
 * dev.eventbus.store.jdbc.JdbcSnapshotStore} run on it. Everything else in this package is
 * internal.
 */
@NullMarked
package dev.eventbus.store.jdbc;

import org.jspecify.annotations.NullMarked;
