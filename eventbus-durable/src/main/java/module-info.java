/**
 * Durable delivery over the store SPIs: {@code DurableStorage} makes a bus durable when given to
 * its builder; replay, upcasting, idempotent handling and in-memory stores.
 */
// eventbus-processors, which the qualified export names, is built after this module.
@SuppressWarnings("module")
module dev.eventbus.durable {
  requires transitive dev.eventbus.api;
  requires dev.eventbus.core;
  requires static org.jspecify;

  exports dev.eventbus.durable;
  // The bus builder opens the journal over the user's DurableStorage.
  exports dev.eventbus.durable.internal to
      dev.eventbus.processors;
}
