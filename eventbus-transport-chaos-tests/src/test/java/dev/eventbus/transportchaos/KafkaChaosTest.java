package dev.eventbus.transportchaos;

import dev.eventbus.store.jdbc.PostgresTestDatabase;
import dev.eventbus.transportsupport.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TransportChaos} on a real Kafka broker (KRaft, in a child JVM), stopped and started again
 * on the same port and log directory. The topic has three partitions; a partition's records go to
 * one member of a group at a time, which reads on from the group's committed offset, so no event is
 * exempt from the order per consumer.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class KafkaChaosTest {

  @RegisterExtension final PostgresTestDatabase postgres = new PostgresTestDatabase();

  @TempDir Path dir;

  @Test
  void threeInstancesOneKilledBrokerRestarted_everyCommittedEventConsumedByEveryGroupInKeyOrder()
      throws Exception {
    try (KafkaBroker broker =
        KafkaBroker.start(Files.createTempDirectory("eventbus-chaos-broker"))) {
      String topic = "orders-chaos";
      broker.createTopic(topic, 3);
      new TransportChaos(
              "kafka",
              topic,
              new TransportChaos.Broker(
                  broker.bootstrapServers(), broker::stop, broker::startAgain, killed -> Map.of()),
              postgres,
              dir)
          .run();
    }
  }
}
