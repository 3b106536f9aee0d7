package dev.eventbus.transportchaos;

import dev.eventbus.redis.RedisFields;
import dev.eventbus.store.jdbc.PostgresTestDatabase;
import dev.eventbus.transportsupport.RedisServer;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.PendingMessage;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TransportChaos} on a real {@code redis-server} with its append-only file, stopped and
 * started again on the same port and directory. Every instance is a consumer of both groups; a
 * consumer reads the stream's entries in order, and the entries the killed instance's consumers had
 * read but not acknowledged (its pending entries, read with {@code XPENDING} right after the kill)
 * are claimed by another member after the claim idle time, out of that member's order: those are
 * the exempt ones.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class RedisChaosTest {

  @RegisterExtension final PostgresTestDatabase postgres = new PostgresTestDatabase();

  @TempDir Path dir;

  @Test
  void threeInstancesOneKilledServerRestarted_everyCommittedEventConsumedByEveryGroupInKeyOrder()
      throws Exception {
    String stream = "orders-chaos";
    try (RedisServer server = RedisServer.start(true)) {
      new TransportChaos(
              "redis",
              stream,
              new TransportChaos.Broker(
                  server.uri(),
                  server::stop,
                  server::startAgain,
                  killed -> pendingOf(server.uri(), stream, killed)),
              postgres,
              dir)
          .run();
    }
  }

  /** Per group, the event ids of the entries pending for instance {@code name}'s consumer. */
  private static Map<String, Set<String>> pendingOf(String uri, String stream, String name) {
    RedisClient client = RedisClient.create(uri);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisCommands<String, String> commands = connection.sync();
      Map<String, Set<String>> pending = new HashMap<>();
      for (String group : ChaosWorkload.GROUPS) {
        Set<String> ids = new HashSet<>();
        for (PendingMessage entry :
            commands.xpending(
                stream,
                Consumer.from(group, ChaosWorkload.consumerName(group, name)),
                Range.create("-", "+"),
                Limit.from(100_000))) {
          for (StreamMessage<String, String> message :
              commands.xrange(stream, Range.create(entry.getId(), entry.getId()))) {
            ids.add(message.getBody().get(RedisFields.EVENT_ID));
          }
        }
        pending.put(group, ids);
      }
      return pending;
    } finally {
      client.shutdown();
    }
  }
}
