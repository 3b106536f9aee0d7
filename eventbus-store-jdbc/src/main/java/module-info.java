/**
 * SQLite (the embedded default) and PostgreSQL implementations of the event, snapshot and
 * processed-event stores, over JDBC.
 */
module dev.eventbus.store.jdbc {
  requires transitive dev.eventbus.api;
  requires transitive java.sql;
  requires static org.jspecify;
  requires com.zaxxer.hikari;
  requires com.fasterxml.jackson.databind;

  exports dev.eventbus.store.jdbc;
}
