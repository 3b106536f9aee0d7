/**
 * The ASYNC, BATCH and ADAPTIVE processors on Project Reactor, and the one entry point that builds
 * a complete bus: {@code dev.eventbus.processors.EventBusFactory}.
 */
// reactor-core has no module descriptor (its automatic name is reactor.core), and its Scheduler
// is in EventBusBuilder's API.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.eventbus.processors {
  requires transitive dev.eventbus.api;
  // EventBusBuilder.storage(DurableStorage) and scheduler(Scheduler) are part of the API.
  requires transitive dev.eventbus.durable;
  requires transitive reactor.core;
  requires dev.eventbus.core;
  // The ASYNC lanes' lock-free inbox (MpscVarHandleArrayQueue); a real module, no Unsafe.
  requires org.jctools.core.jdk11;
  requires static org.jspecify;

  exports dev.eventbus.processors;
}
