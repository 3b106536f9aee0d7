/**
 * The test kit: recorders, sample events, and the contract tests every bus, adapter and store
 * implementation runs.
 */
module dev.eventbus.testkit {
  requires transitive dev.eventbus.api;
  requires transitive org.junit.jupiter.api;
  requires transitive org.assertj.core;
  requires static org.jspecify;

  exports dev.eventbus.testkit;
  exports dev.eventbus.testkit.store;

  // JUnit runs the contract tests a user's class inherits.
  opens dev.eventbus.testkit to
      org.junit.platform.commons;
  opens dev.eventbus.testkit.store to
      org.junit.platform.commons;
}
