package dev.eventbus.redis;

import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.EventCodec;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.testkit.TransportContract;
import dev.eventbus.transport.OutboundMessage;
import dev.eventbus.transportsupport.BusLink;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The transport contract on Redis Streams: a relay and a consumer group on a stream. */
class RedisTransportContractTest extends TransportContract {

  @Override
  protected Link link() throws Exception {
    TestRedis server = TestRedis.shared();
    String stream = "contract-" + UUID.randomUUID();
    Buses buses = new Buses();
    UnifiedEventBus sender = buses.bus(Buses.storage());
    buses
        .add(
            RedisRelay.builder(server.uri(), Buses.codec())
                .route(Keyed.class, stream, Keyed::id)
                .build())
        .attach(sender);
    DurableStorage receiverStorage = Buses.storage();
    UnifiedEventBus receiver = buses.bus(receiverStorage);
    buses.add(
        RedisInbound.builder(
                server.uri(), "contract-" + UUID.randomUUID(), receiver, receiverStorage)
            .streams(stream)
            .build()
            .start());
    Streams streams = buses.add(new Streams(server));
    EventCodec codec = Buses.codec();
    return new BusLink(buses, sender, receiver) {
      @Override
      public void sendAgain(Keyed event) {
        OutboundMessage message = OutboundMessage.encode(event, event.id(), codec, null);
        Map<String, String> body = new LinkedHashMap<>(message.fields());
        body.put(RedisFields.PAYLOAD, new String(message.payload(), StandardCharsets.UTF_8));
        streams.commands().xadd(stream, body);
      }

      @Override
      public void sendUndecodable() {
        streams.add(stream, "no-eventbus-fields", "not JSON");
      }
    };
  }
}
