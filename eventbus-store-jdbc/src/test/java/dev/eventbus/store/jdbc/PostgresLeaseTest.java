package dev.eventbus.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.spi.DurableEventStore.PendingDelivery;
import dev.eventbus.api.spi.NewEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several instances on one PostgreSQL store: a delivery belongs to the instance that appended it
 * while that instance renews its lease; another instance sees it neither at recovery nor at
 * takeover; once the lease runs out (or the instance closes its database) it is claimed by exactly
 * one other instance, in position order.
 */
class PostgresLeaseTest {

  @RegisterExtension final PostgresTestDatabase postgres = new PostgresTestDatabase();

  private final List<JdbcDatabase> opened = new ArrayList<>();

  private JdbcEventStore instance(String id, Duration lease) {
    JdbcDatabase database =
        JdbcDatabase.open(
            JdbcStoreConfig.builder(JdbcDialect.POSTGRESQL, postgres.url())
                .user(postgres.user())
                .password(postgres.password())
                .instanceId(id)
                .leaseDuration(lease)
                .build());
    opened.add(database);
    return database.eventStore();
  }

  @AfterEach
  void closeAll() {
    opened.forEach(JdbcDatabase::close);
  }

  private static List<NewEvent> events(int count, String subscription) {
    List<NewEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(
          new NewEvent(
              UUID.randomUUID(),
              "order.placed",
              1,
              Instant.now(),
              "key-" + (i % 3),
              Map.of(),
              Map.of("n", i),
              List.of(subscription)));
    }
    return events;
  }

  private static List<Long> pending(JdbcEventStore store, String subscription) {
    try (Stream<PendingDelivery> deliveries = store.pendingDeliveries(subscription)) {
      return deliveries.map(PendingDelivery::position).toList();
    }
  }

  private static List<Long> positions(List<PendingDelivery> deliveries) {
    return deliveries.stream().map(PendingDelivery::position).toList();
  }

  @Test
  void aLiveInstancesDeliveriesAreNeitherRecoveredNorTakenOverByAnother() {
    JdbcEventStore a = instance("a", Duration.ofMinutes(5));
    JdbcEventStore b = instance("b", Duration.ofMinutes(5));
    a.append(events(5, "ledger"));

    assertThat(pending(b, "ledger")).isEmpty();
    assertThat(b.takeOverDeliveries("ledger", 100)).isEmpty();
    assertThat(pending(a, "ledger")).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(a.takeOverDeliveries("ledger", 100))
        .as("an instance never takes over its own deliveries")
        .isEmpty();
  }

  @Test
  void anExpiredLeaseLetsOneOtherInstanceTakeTheDeliveriesOverInPositionOrder() throws Exception {
    JdbcEventStore dead = instance("dead", Duration.ofMillis(300));
    JdbcEventStore b = instance("b", Duration.ofMinutes(5));
    dead.append(events(7, "ledger"));
    assertThat(b.takeOverDeliveries("ledger", 100)).isEmpty();

    Thread.sleep(600); // "dead" renews no more: its lease runs out

    assertThat(positions(b.takeOverDeliveries("ledger", 3))).containsExactly(1L, 2L, 3L);
    assertThat(positions(b.takeOverDeliveries("ledger", 100))).containsExactly(4L, 5L, 6L, 7L);
    assertThat(b.takeOverDeliveries("ledger", 100)).isEmpty();
    assertThat(pending(b, "ledger")).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);

    dead.renewLease(); // back from a pause: what was taken over stays taken over
    assertThat(pending(dead, "ledger")).isEmpty();
  }

  @Test
  void aRenewalAfterTheLeaseRanOutIsLoggedAsAWarningNamingTheInstance() throws Exception {
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger logger = Logger.getLogger(InstanceLease.class.getName());
    logger.addHandler(capture);
    try {
      JdbcEventStore paused = instance("paused", Duration.ofSeconds(1));
      paused.renewLease();
      assertThat(records).as("a renewal in time says nothing").isEmpty();

      awaitLeaseRunOut("paused"); // a pause longer than the lease
      paused.renewLease();

      assertThat(records).hasSize(1);
      LogRecord warning = records.get(0);
      assertThat(warning.getLevel()).isEqualTo(Level.WARNING);
      assertThat(new SimpleFormatter().formatMessage(warning))
          .startsWith("the lease of instance 'paused' had run out ")
          .contains("other instances may have taken over its pending deliveries")
          .contains("longer than the lease of 1000 ms");
    } finally {
      logger.removeHandler(capture);
    }
  }

  /** Waits until the database's clock has passed the instance's lease (at most 30 s). */
  private void awaitLeaseRunOut(String instanceId) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    try (Connection connection = postgres.connect();
        PreparedStatement live =
            connection.prepareStatement(
                "SELECT lease_until >= "
                    + InstanceLease.NOW_MICROS
                    + " FROM eventbus_instances WHERE instance_id = ?")) {
      live.setString(1, instanceId);
      while (true) {
        try (ResultSet result = live.executeQuery()) {
          assertThat(result.next()).as("lease row of %s", instanceId).isTrue();
          if (!result.getBoolean(1)) {
            return;
          }
        }
        assertThat(System.nanoTime()).as("lease of %s ran out", instanceId).isLessThan(deadline);
        Thread.sleep(50); // polling the condition above
      }
    }
  }

  @Test
  void closingTheDatabaseGivesTheLeaseUpAtOnce() {
    JdbcEventStore a = instance("a", Duration.ofMinutes(5));
    JdbcEventStore b = instance("b", Duration.ofMinutes(5));
    a.append(events(2, "ledger"));
    opened.get(0).close();

    assertThat(positions(b.takeOverDeliveries("ledger", 10))).containsExactly(1L, 2L);
  }

  @Test
  void instancesClaimingAtOnceNeverTakeTheSameDelivery() throws Exception {
    JdbcEventStore dead = instance("dead", Duration.ofMillis(300));
    for (int i = 0; i < 10; i++) {
      dead.append(events(200, "ledger"));
    }
    Thread.sleep(600);
    List<JdbcEventStore> claimers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      claimers.add(instance("claimer-" + i, Duration.ofMinutes(5)));
    }
    ExecutorService threads = Executors.newFixedThreadPool(3);
    try {
      List<Future<List<Long>>> claims = new ArrayList<>();
      for (JdbcEventStore claimer : claimers) {
        Callable<List<Long>> claimAll =
            () -> {
              List<Long> mine = new ArrayList<>();
              List<PendingDelivery> batch;
              do {
                batch = claimer.takeOverDeliveries("ledger", 50);
                mine.addAll(positions(batch));
              } while (!batch.isEmpty());
              return mine;
            };
        claims.add(threads.submit(claimAll));
      }
      Set<Long> all = new HashSet<>();
      long total = 0;
      for (Future<List<Long>> claim : claims) {
        List<Long> mine = claim.get();
        total += mine.size();
        all.addAll(mine);
      }
      assertThat(total).as("no delivery claimed twice").isEqualTo(all.size());
      assertThat(all).hasSize(2_000);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void deliveriesOfNoInstanceAreClaimedByTheFirstToAsk() throws SQLException {
    JdbcEventStore a = instance("a", Duration.ofMinutes(5));
    JdbcEventStore b = instance("b", Duration.ofMinutes(5));
    a.append(events(3, "ledger"));
    try (Connection connection = postgres.connect();
        PreparedStatement orphan =
            connection.prepareStatement("UPDATE eventbus_deliveries SET owner = NULL")) {
      orphan.executeUpdate(); // as rows written before leases existed
    }
    assertThat(pending(b, "ledger")).containsExactly(1L, 2L, 3L);
    assertThat(pending(a, "ledger")).isEmpty();
  }

  @Test
  void badLeaseSettingsAreNamed() {
    JdbcStoreConfig.Builder builder = JdbcStoreConfig.builder(JdbcDialect.POSTGRESQL, "jdbc:x");
    assertThatThrownBy(() -> builder.leaseDuration(Duration.ofMillis(299)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("leaseDuration must be between 300ms and 1 day but was PT0.299S");
    assertThatThrownBy(() -> builder.instanceId(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("instanceId must be 1..200 characters");
    assertThatThrownBy(() -> instance("a", Duration.ofMinutes(1)).takeOverDeliveries("s", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit must be >= 1 but was 0");
  }
}
