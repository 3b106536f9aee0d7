package dev.eventbus.kafka;

import dev.eventbus.transportsupport.KafkaBroker;
import java.nio.file.Path;
import org.apache.kafka.clients.admin.Admin;

/**
 * This module's tests' view of the real KRaft broker in a child JVM, which the benchmarks start
 * too: {@link KafkaBroker} in the transport test support.
 */
final class TestBroker implements AutoCloseable {

  private static TestBroker shared;

  private final KafkaBroker broker;

  private TestBroker(KafkaBroker broker) {
    this.broker = broker;
  }

  /** The broker for the whole test run, stopped when the JVM exits. */
  static synchronized TestBroker shared() throws Exception {
    if (shared == null) {
      shared = new TestBroker(KafkaBroker.shared());
    }
    return shared;
  }

  static TestBroker start(Path dir) throws Exception {
    return new TestBroker(KafkaBroker.start(dir));
  }

  String bootstrapServers() {
    return broker.bootstrapServers();
  }

  void startAgain() throws Exception {
    broker.startAgain();
  }

  void stop() throws InterruptedException {
    broker.stop();
  }

  Admin admin() {
    return broker.admin();
  }

  void createTopic(String name, int partitions) throws Exception {
    broker.createTopic(name, partitions);
  }

  @Override
  public void close() {
    broker.close();
  }
}
