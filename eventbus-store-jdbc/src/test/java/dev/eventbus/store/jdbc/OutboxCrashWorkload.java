package dev.eventbus.store.jdbc;

import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.ShutdownReport;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.codec.jackson.JacksonEventCodec;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.durable.JdbcTransaction;
import dev.eventbus.processors.EventBusFactory;
import dev.eventbus.store.jdbc.TransactionalOutboxTest.OrderPlaced;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;

/**
 * The child of {@link OutboxCrashTest}: a durable bus with one asynchronous subscription that
 * appends each order id it handles to {@code delivered.log}.
 *
 * <p>{@code before-commit ID}: writes an order row and publishes its event in one transaction,
 * prints {@code written}, and waits to be killed without committing. {@code after-commit ID}: the
 * same, commits, prints {@code committed} and waits to be killed (its subscription never finishes a
 * delivery: its handler blocks). {@code recover}: starts, drains and exits 0.
 *
 * <p>Arguments: {@code MODE DIR [ID] sqlite PATH} or {@code MODE DIR [ID] postgres URL USER
 * PASSWORD}; the database arguments follow the mode's own.
 */
public final class OutboxCrashWorkload {

  private OutboxCrashWorkload() {}

  public static void main(String[] args) throws IOException, SQLException {
    String mode = args[0];
    Path dir = Path.of(args[1]);
    int db = mode.equals("recover") ? 2 : 3;
    boolean sqlite = args[db].equals("sqlite");
    JdbcDatabase database =
        sqlite
            ? JdbcDatabase.sqlite(Path.of(args[db + 1]))
            : JdbcDatabase.open(
                JdbcStoreConfig.builder(JdbcDialect.POSTGRESQL, args[db + 1])
                    .user(args[db + 2])
                    .password(args[db + 3])
                    .instanceId("outbox-crash") // a restart takes its deliveries back at once
                    .build());
    UnifiedEventBus bus =
        EventBusFactory.builder()
            .storage(
                DurableStorage.builder(
                        database.eventStore(),
                        JacksonEventCodec.builder()
                            .register(OrderPlaced.class, "order.placed", 1)
                            .build())
                    .build())
            .build();
    boolean recovering = mode.equals("recover");
    bus.subscribe(
        OrderPlaced.class,
        order -> {
          if (!recovering) {
            LockSupport.park(); // the crashing process never finishes a delivery
          }
          Files.writeString(
              dir.resolve("delivered.log"),
              order.orderId() + "\n",
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.APPEND);
        },
        SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).name("shipping").build());
    if (recovering) {
      ShutdownReport report = bus.stop(Duration.ofMinutes(1));
      database.close();
      System.out.println("recovered complete=" + report.completedInTime());
      System.exit(report.completedInTime() ? 0 : 1);
    }
    String id = args[2];
    try (Connection connection =
            sqlite
                ? DriverManager.getConnection("jdbc:sqlite:" + args[db + 1])
                : DriverManager.getConnection(args[db + 1], credentials(args, db));
        JdbcTransaction tx = JdbcTransaction.on(connection)) {
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO orders (id) VALUES (?)")) {
        insert.setString(1, id);
        insert.executeUpdate();
      }
      bus.publish(new OrderPlaced(id), tx);
      if (mode.equals("after-commit")) {
        tx.commit();
        System.out.println("committed");
      } else {
        System.out.println("written");
      }
      System.out.flush();
      while (true) {
        LockSupport.park(); // until SIGKILL
      }
    }
  }

  private static Properties credentials(String[] args, int db) {
    Properties properties = new Properties();
    properties.setProperty("user", args[db + 2]);
    properties.setProperty("password", args[db + 3]);
    return properties;
  }
}
