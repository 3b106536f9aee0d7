package dev.eventbus.store.jdbc;

import dev.eventbus.api.DomainEvent;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.ShutdownReport;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.codec.jackson.JacksonEventCodec;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.processors.EventBusFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The child process of {@link CrashRecoveryTest}: a durable bus on a JDBC store with one slow
 * asynchronous subscriber that appends every event it handles to {@code delivered-<pid>.log}.
 *
 * <p>{@code run}: publishes transfers on 8 accounts from sequence number {@code firstSeq} until the
 * process is killed, appending each event to {@code published.log} once {@code publish} has
 * returned. {@code recover}: only starts (which redelivers what is pending), drains and exits.
 *
 * <p>Arguments: {@code run|recover DIR firstSeq sqlite PATH} or {@code run|recover DIR firstSeq
 * postgres URL USER PASSWORD}.
 */
public final class CrashWorkload {

  /** A transfer on one account; the account is the partition key. */
  public record Transfer(String account, long seq) implements DomainEvent {
    @Override
    public String eventType() {
      return "transfer";
    }

    @Override
    public String partitionKey() {
      return account;
    }
  }

  static final String SUBSCRIPTION = "ledger";
  private static final long HANDLER_WORK_NANOS = 200_000;

  private CrashWorkload() {}

  public static void main(String[] args) throws IOException {
    String mode = args[0];
    Path dir = Path.of(args[1]);
    long firstSeq = Long.parseLong(args[2]);
    JdbcDatabase database =
        args[3].equals("sqlite")
            ? JdbcDatabase.sqlite(Path.of(args[4]))
            // One name for every incarnation: a restarted process takes its predecessor's
            // deliveries back at once instead of waiting for that one's lease to run out.
            : JdbcDatabase.open(
                JdbcStoreConfig.builder(JdbcDialect.POSTGRESQL, args[4])
                    .user(args[5])
                    .password(args[6])
                    .instanceId("crash-workload")
                    .build());
    JdbcEventStore store = database.eventStore();
    UnifiedEventBus bus =
        EventBusFactory.builder()
            .storage(
                DurableStorage.builder(
                        store,
                        JacksonEventCodec.builder().register(Transfer.class, "transfer", 1).build())
                    .build())
            .autoStart(false)
            .build();
    Writer delivered =
        Files.newBufferedWriter(
            dir.resolve("delivered-" + ProcessHandle.current().pid() + ".log"),
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
    bus.subscribe(
        Transfer.class,
        transfer -> {
          LockSupport.parkNanos(HANDLER_WORK_NANOS); // the subscriber's work: it is slow
          synchronized (delivered) {
            delivered.write(transfer.account() + " " + transfer.seq() + "\n");
            delivered.flush(); // a write(2): in the page cache, so it survives SIGKILL
          }
        },
        SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).name(SUBSCRIPTION).build());
    PrintStream out = System.out;
    bus.start(); // redelivers what the last process left pending
    out.println("started redelivered=" + bus.stats().redelivered());
    out.flush();
    if (mode.equals("recover")) {
      ShutdownReport report = bus.stop(Duration.ofMinutes(3));
      database.close();
      out.println(
          "recovered redelivered="
              + bus.stats().redelivered()
              + " complete="
              + report.completedInTime());
      out.flush();
      System.exit(report.completedInTime() ? 0 : 1);
    }
    try (Writer published =
        Files.newBufferedWriter(
            dir.resolve("published.log"),
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND)) {
      for (long seq = firstSeq; ; seq++) {
        Transfer transfer = new Transfer("acct-" + (seq % 8), seq);
        bus.publish(transfer);
        published.write(transfer.account() + " " + transfer.seq() + "\n");
        published.flush();
        long count = seq - firstSeq + 1;
        if (count % 25 == 0) {
          out.println("published " + count);
          out.flush();
        }
      }
    }
  }
}
