package dev.eventbus.store.jdbc;

import dev.eventbus.api.DomainEvent;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.ShutdownReport;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.codec.jackson.JacksonEventCodec;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.durable.JdbcTransaction;
import dev.eventbus.processors.EventBusFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * One application instance of {@link SharedStoreChaosTest}: a durable bus on the shared PostgreSQL
 * store, with two asynchronous subscriptions that append each event they handle to {@code
 * delivered-<subscription>-<pid>.log} as {@code <order id> <publisher pid> <key> <seq>}.
 *
 * <p>{@code run}: in a loop, writes an order row and publishes its event in one transaction, and
 * commits four in five of them, rolling the others back (logged to {@code rolledback-<pid>.log});
 * keys are this process's own, so each key has one publisher. Stops when the file {@code stop}
 * appears: drains, closes the database (giving its lease up) and exits 0. {@code recover}: starts
 * (claiming what no live instance holds), drains and exits.
 *
 * <p>Arguments: {@code run|recover DIR URL USER PASSWORD LEASE_MILLIS}.
 */
public final class SharedStoreWorkload {

  /** An order; its key is the partition key. */
  public record OrderPlaced(String orderId, long publisher, String key, long seq)
      implements DomainEvent {
    @Override
    public String eventType() {
      return "order.placed";
    }

    @Override
    public String partitionKey() {
      return key;
    }
  }

  static final String[] SUBSCRIPTIONS = {"ledger", "audit"};
  private static final long HANDLER_WORK_NANOS =
      15_000_000; // slower than publishing: a backlog builds up
  // The most deliveries an instance lets wait before it publishes again. Without a bound the
  // backlog grows with the run's length and the machine's speed, and an instance whose keys all
  // fall on one shard (one worker for both subscriptions) could not drain it within its stop's
  // two minutes: 1,000 deliveries of 15 ms take 15 s on one worker.
  private static final long MAX_BACKLOG = 1_000;

  private SharedStoreWorkload() {}

  public static void main(String[] args) throws IOException, SQLException {
    String mode = args[0];
    Path dir = Path.of(args[1]);
    String url = args[2];
    Properties credentials = new Properties();
    credentials.setProperty("user", args[3]);
    credentials.setProperty("password", args[4]);
    long pid = ProcessHandle.current().pid();
    JdbcDatabase database =
        openDatabase(url, args[3], args[4], mode + "-" + pid, Long.parseLong(args[5]));
    UnifiedEventBus bus =
        EventBusFactory.builder()
            .storage(
                DurableStorage.builder(
                        database.eventStore(),
                        JacksonEventCodec.builder()
                            .register(OrderPlaced.class, "order.placed", 1)
                            .build())
                    .build())
            .autoStart(false)
            .build();
    for (String subscription : SUBSCRIPTIONS) {
      subscribeLogging(
          bus,
          dir.resolve("delivered-" + subscription + "-" + pid + ".log"),
          SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).name(subscription).build(),
          HANDLER_WORK_NANOS);
    }
    PrintStream out = System.out;
    bus.start();
    out.println("started " + pid);
    out.flush();
    if (mode.equals("run")) {
      publishUntilStopped(bus, dir, url, credentials, pid, out, 0);
    }
    ShutdownReport report = bus.stop(Duration.ofMinutes(2)); // a loaded machine drains slowly
    database.close();
    out.println("stopped complete=" + report.completedInTime() + " " + report);
    out.flush();
    System.exit(report.completedInTime() ? 0 : 1);
  }

  /**
   * Opens the shared PostgreSQL store as instance {@code instanceId} with leases of that length.
   */
  public static JdbcDatabase openDatabase(
      String url, String user, String password, String instanceId, long leaseMillis) {
    return JdbcDatabase.open(
        JdbcStoreConfig.builder(JdbcDialect.POSTGRESQL, url)
            .user(user)
            .password(password)
            .instanceId(instanceId)
            .leaseDuration(Duration.ofMillis(leaseMillis))
            .build());
  }

  /**
   * Subscribes a handler that works {@code workNanos} and appends each order to {@code file} as
   * {@code <order id> <publisher pid> <key> <seq>}; shared with the transports' chaos tests.
   */
  public static void subscribeLogging(
      UnifiedEventBus bus, Path file, SubscriptionOptions options, long workNanos)
      throws IOException {
    Writer log =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    bus.subscribe(
        OrderPlaced.class,
        order -> {
          if (workNanos > 0) {
            LockSupport.parkNanos(workNanos);
          }
          synchronized (log) {
            log.write(
                order.orderId()
                    + " "
                    + order.publisher()
                    + " "
                    + order.key()
                    + " "
                    + order.seq()
                    + "\n");
            log.flush(); // a write(2): in the page cache, so it survives SIGKILL
          }
        },
        options);
  }

  /** Creates the table of orders the {@code run} mode writes a row of per transaction. */
  public static void createOrdersTable(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE orders (id TEXT PRIMARY KEY, publisher BIGINT NOT NULL)");
    }
  }

  /** The ids of the orders whose transaction committed. */
  public static Set<String> committedOrders(Connection connection) throws SQLException {
    Set<String> ids = new HashSet<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id FROM orders")) {
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
    }
    return ids;
  }

  /**
   * The {@code run} mode's business transactions until the file {@code stop} appears in {@code
   * dir}, {@code pauseNanos} apart and never more than {@code MAX_BACKLOG} deliveries ahead of the
   * handlers; shared with the transports' chaos tests (this module's tests jar).
   */
  public static void publishUntilStopped(
      UnifiedEventBus bus,
      Path dir,
      String url,
      Properties credentials,
      long pid,
      PrintStream out,
      long pauseNanos)
      throws IOException, SQLException {
    Random random = new Random(pid);
    Path stop = dir.resolve("stop");
    try (Connection connection = DriverManager.getConnection(url, credentials);
        Writer rolledBack =
            Files.newBufferedWriter(
                dir.resolve("rolledback-" + pid + ".log"),
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
      for (long seq = 0; !Files.exists(stop); seq++) {
        String id = pid + "-" + seq;
        OrderPlaced order = new OrderPlaced(id, pid, pid + "/k" + (seq % 4), seq);
        try (JdbcTransaction tx = JdbcTransaction.on(connection)) {
          try (PreparedStatement insert =
              connection.prepareStatement("INSERT INTO orders (id, publisher) VALUES (?, ?)")) {
            insert.setString(1, id);
            insert.setLong(2, pid);
            insert.executeUpdate();
          }
          bus.publish(order, tx);
          if (random.nextInt(5) == 0) {
            tx.rollback();
            rolledBack.write(id + "\n");
            rolledBack.flush();
          } else {
            tx.commit();
          }
        }
        if ((seq + 1) % 25 == 0) {
          out.println("published " + (seq + 1));
          out.flush();
        }
        if (pauseNanos > 0) {
          LockSupport.parkNanos(pauseNanos);
        }
        while (bus.stats().pending() > MAX_BACKLOG && !Files.exists(stop)) {
          LockSupport.parkNanos(1_000_000);
        }
      }
    }
  }
}
