package dev.eventbus.redis;

import dev.eventbus.api.spi.EventCodec;
import dev.eventbus.testkit.TransportContract;
import dev.eventbus.transport.OutboundMessage;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A plain lettuce connection, to see what the relay wrote and to write what it would not. */
final class Streams implements AutoCloseable {

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;

  Streams(TestRedis server) {
    this.client = RedisClient.create(server.uri());
    this.connection = client.connect();
  }

  RedisCommands<String, String> commands() {
    return connection.sync();
  }

  List<StreamMessage<String, String>> all(String stream) {
    return commands().xrange(stream, io.lettuce.core.Range.create("-", "+"));
  }

  /** Appends an entry with the given fields, in order. */
  String add(String stream, String... fieldsAndValues) {
    Map<String, String> body = new LinkedHashMap<>();
    for (int i = 0; i < fieldsAndValues.length; i += 2) {
      body.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
    }
    return commands().xadd(stream, body);
  }

  /** Appends the entry the relay appended for {@code event} once more, as a redelivery would. */
  void addAgain(String stream, TransportContract.Keyed event, EventCodec codec) {
    OutboundMessage message = OutboundMessage.encode(event, event.id(), codec, null);
    Map<String, String> body = new LinkedHashMap<>(message.fields());
    body.put(RedisFields.PAYLOAD, new String(message.payload(), StandardCharsets.UTF_8));
    commands().xadd(stream, body);
  }

  /** Appends an order the way the relay would, with the given id. */
  String addOrder(String stream, String id, String account, int sequence) {
    return add(
        stream,
        RedisFields.EVENT_ID,
        id,
        RedisFields.EVENT_TYPE,
        "order.placed",
        RedisFields.EVENT_VERSION,
        "1",
        RedisFields.PARTITION_KEY,
        account,
        RedisFields.PAYLOAD,
        "{\"orderId\":\""
            + id
            + "\",\"account\":\""
            + account
            + "\",\"sequence\":"
            + sequence
            + "}");
  }

  /** Creates {@code group} on {@code stream} at its start. */
  void createGroup(String stream, String group) {
    commands()
        .xgroupCreate(
            XReadArgs.StreamOffset.from(stream, "0"), group, XGroupCreateArgs.Builder.mkstream());
  }

  /** Reads up to {@code count} new entries as {@code consumer} of {@code group}, acking none. */
  @SuppressWarnings("unchecked")
  List<StreamMessage<String, String>> readGroup(
      String stream, String group, String consumer, int count) {
    return commands()
        .xreadgroup(
            Consumer.from(group, consumer),
            XReadArgs.Builder.count(count),
            XReadArgs.StreamOffset.lastConsumed(stream));
  }

  long pending(String stream, String group) {
    return commands().xpending(stream, group).getCount();
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown();
  }
}
