package dev.eventbus.redis;

import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.EventCodec;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.durable.InMemoryProcessedEventLog;
import dev.eventbus.testkit.TransportContract.Keyed;
import dev.eventbus.testkit.TransportWithoutStorageContract;
import dev.eventbus.transportsupport.UnstoredBusLink;
import io.lettuce.core.StreamMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The inbound side on a bus without storage, on Redis Streams: an entry is {@code XACK}ed only once
 * the local handlers finished.
 */
class RedisWithoutStorageContractTest extends TransportWithoutStorageContract {

  @Override
  protected UnstoredLink link(int dedupWindow) throws Exception {
    TestRedis server = TestRedis.shared();
    String stream = "unstored-" + UUID.randomUUID();
    String group = "unstored-" + UUID.randomUUID();
    Buses buses = new Buses();
    UnifiedEventBus sender = buses.keyedSender(server.uri(), stream);
    // Decodes, and keeps the dead letters; the bus itself stores nothing.
    DurableStorage decoding = Buses.storage();
    InMemoryProcessedEventLog processed = InMemoryProcessedEventLog.withCapacity(dedupWindow);
    Streams streams = buses.add(new Streams(server));
    streams.createGroup(stream, group);
    EventCodec codec = Buses.codec();
    return new UnstoredBusLink(buses, sender) {
      @Override
      protected AutoCloseable startInbound(UnifiedEventBus bus) {
        return RedisInbound.builder(server.uri(), group, bus, decoding)
            .streams(stream)
            .consumerName("member-1")
            .processedEvents(processed)
            .retryBackoff(RETRY_BACKOFF)
            .build()
            .start();
      }

      @Override
      public long unacknowledged() {
        return streams.pending(stream, group) + notYetRead();
      }

      /** Entries after the group's last delivered id. */
      private long notYetRead() {
        String lastDelivered = lastDeliveredId();
        List<StreamMessage<String, String>> all = streams.all(stream);
        return all.stream().filter(entry -> after(entry.getId(), lastDelivered)).count();
      }

      private String lastDeliveredId() {
        for (Object info : streams.commands().xinfoGroups(stream)) {
          List<?> fields = (List<?>) info;
          Map<String, Object> byName = new LinkedHashMap<>();
          for (int i = 0; i + 1 < fields.size(); i += 2) {
            byName.put(String.valueOf(fields.get(i)), fields.get(i + 1));
          }
          if (group.equals(String.valueOf(byName.get("name")))) {
            return String.valueOf(byName.get("last-delivered-id"));
          }
        }
        throw new IllegalStateException("no group " + group + " on " + stream);
      }

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

  /** Whether stream entry id {@code id} comes after {@code other} ({@code millis-sequence}). */
  private static boolean after(String id, String other) {
    String[] a = id.split("-");
    String[] b = other.split("-");
    int byMillis = Long.compare(Long.parseLong(a[0]), Long.parseLong(b[0]));
    return byMillis != 0 ? byMillis > 0 : Long.parseLong(a[1]) > Long.parseLong(b[1]);
  }
}
