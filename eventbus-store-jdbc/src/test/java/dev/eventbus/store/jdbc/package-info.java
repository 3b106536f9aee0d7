/**
 * Tests of the JDBC stores: the storage contracts on SQLite and PostgreSQL, what is specific to
 * JDBC (migrations, quarantine of unreadable rows, writers in several pools, SQLite pragmas), and
 * the event store's parts on their own (row codec, delivery ledger, paging, batches, transactions).
 */
@NullMarked
package dev.eventbus.store.jdbc;

import org.jspecify.annotations.NullMarked;
