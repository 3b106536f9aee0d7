/**
 * What the transports between buses share: the message fields ({@code MessageFields}), the JSON
 * payload, the outbound message and the inbound handling ({@code InboundHandling}: duplicates
 * dropped by event id, undecodable messages stored as dead letters, publish into the local bus).
 */
module dev.eventbus.transport {
  requires transitive dev.eventbus.api;
  requires transitive dev.eventbus.durable;
  requires static org.jspecify;
  requires com.fasterxml.jackson.databind;

  exports dev.eventbus.transport;
}
