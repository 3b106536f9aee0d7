package dev.eventbus.redis;

import dev.eventbus.transportsupport.RedisServer;

/**
 * This module's tests' view of a real {@code redis-server} on a free port, which the benchmarks
 * start too: {@link RedisServer} in the transport test support.
 */
final class TestRedis implements AutoCloseable {

  private static TestRedis shared;

  private final RedisServer server;

  private TestRedis(RedisServer server) {
    this.server = server;
  }

  /** A server for the whole test run, stopped when the JVM exits. */
  static synchronized TestRedis shared() throws Exception {
    if (shared == null) {
      shared = new TestRedis(RedisServer.shared());
    }
    return shared;
  }

  /** A server of its own, in a new temporary directory. */
  static TestRedis start(boolean persistent) throws Exception {
    return new TestRedis(RedisServer.start(persistent));
  }

  String uri() {
    return server.uri();
  }

  void startAgain() throws Exception {
    server.startAgain();
  }

  void stop() throws InterruptedException {
    server.stop();
  }

  @Override
  public void close() {
    server.close();
  }

  /** Where redis-server is; fails saying how to install it if it is nowhere. */
  static String executable() {
    return RedisServer.executable();
  }
}
