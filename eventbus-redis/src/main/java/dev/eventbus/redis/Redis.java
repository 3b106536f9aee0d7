package dev.eventbus.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One lettuce client and its connection, opened when first needed: a side built while the server is
 * down starts anyway and connects once it answers. While the connection is down, commands fail at
 * once (they are not queued): the caller counts the failure and tries again.
 */
final class Redis implements AutoCloseable {

  private final RedisClient client;
  private final String uri;
  private @Nullable StatefulRedisConnection<String, String> connection;
  private boolean closed;

  Redis(String uri, Duration commandTimeout) {
    this.uri = uri;
    RedisURI parsed;
    try {
      parsed = RedisURI.create(uri);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "redisUri is not a Redis URI (redis://host:port): " + uri + ": " + e.getMessage(), e);
    }
    parsed.setTimeout(commandTimeout);
    this.client = RedisClient.create(parsed);
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
            .build());
  }

  /** The connection, opened now if it is not open. */
  synchronized StatefulRedisConnection<String, String> connection() {
    if (closed) {
      throw new IllegalStateException("the connection to " + uri + " is closed");
    }
    if (connection == null) {
      connection = client.connect();
    }
    return connection;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (connection != null) {
      connection.close();
    }
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }
}
