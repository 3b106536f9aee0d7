package dev.eventbus.redis;

import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.EventCodec;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.testkit.TransportContract;
import dev.eventbus.transport.JsonPayload;
import java.nio.charset.StandardCharsets;
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
    return new Link() {
      @Override
      public UnifiedEventBus sender() {
        return sender;
      }

      @Override
      public UnifiedEventBus receiver() {
        return receiver;
      }

      @Override
      public void sendAgain(Keyed event) {
        EventCodec.EncodedEvent encoded = codec.encode(event);
        streams.add(
            stream,
            RedisFields.EVENT_ID,
            event.id(),
            RedisFields.EVENT_TYPE,
            encoded.eventType(),
            RedisFields.EVENT_VERSION,
            Integer.toString(encoded.version()),
            RedisFields.PARTITION_KEY,
            event.key(),
            RedisFields.PAYLOAD,
            new String(JsonPayload.write(encoded.data()), StandardCharsets.UTF_8));
      }

      @Override
      public void sendUndecodable() {
        streams.add(stream, "no-eventbus-fields", "not JSON");
      }

      @Override
      public void close() {
        buses.close();
      }
    };
  }
}
