/** Binds a bus's counters to a Micrometer {@code MeterRegistry}. */
// Micrometer has no module descriptor, and its MeterRegistry is in this module's API.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.eventbus.micrometer {
  requires transitive dev.eventbus.api;
  requires transitive micrometer.core;
  requires static org.jspecify;

  exports dev.eventbus.micrometer;
}
