package dev.eventbus.redis;

import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.EventCodec;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.testkit.TransportContract;
import dev.eventbus.transportsupport.BusLink;
import java.util.UUID;

/** The transport contract on Redis Streams: a relay and a consumer group on a stream. */
class RedisTransportContractTest extends TransportContract {

  @Override
  protected Link link() throws Exception {
    TestRedis server = TestRedis.shared();
    String stream = "contract-" + UUID.randomUUID();
    Buses buses = new Buses();
    UnifiedEventBus sender = buses.keyedSender(server.uri(), stream);
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
        streams.addAgain(stream, event, codec);
      }

      @Override
      public void sendUndecodable() {
        streams.add(stream, "no-eventbus-fields", "not JSON");
      }
    };
  }
}
