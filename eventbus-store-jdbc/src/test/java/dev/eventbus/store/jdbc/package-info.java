/**
 * Tests of the JDBC stores: the storage contracts on SQLite and PostgreSQL, and what is specific to
 * JDBC (migrations, quarantine of unreadable rows, writers in several pools, SQLite pragmas).
 */
@NullMarked
package dev.eventbus.store.jdbc;

import org.jspecify.annotations.NullMarked;
