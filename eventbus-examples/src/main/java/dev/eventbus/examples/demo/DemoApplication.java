package dev.eventbus.examples.demo;

import dev.eventbus.api.DeadLetterQueue;
import dev.eventbus.api.HandlerFailure;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.ShutdownReport;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.examples.load.LoadCommand;
import dev.eventbus.processors.EventBusFactory;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * The composition root: for each processing mode, builds a fresh bus, hands it to each service's
 * constructor, runs the same seeded workload through the order service and reports what every part
 * ended with. There is no global bus; nothing but this class knows how the services are wired.
 *
 * <p>Each run waits until the bus has finished with every event, replays the dead letters once the
 * ledger's limit is raised, stops the bus, and only then reads the services and the bus's counters:
 * in queued modes handlers run on the bus's threads, and the stop is what guarantees that none is
 * still running.
 *
 * <p>Run it from the repository root with {@code mvn -B -q -DskipTests -Pdemo package}; add {@code
 * -Ddemo.args=--metrics} for the ten-second mixed load with live progress and a per-mode table, or
 * {@code -Ddemo.args="--soak 10"} for a ten-minute soak that prints the heap after GC.
 */
public final class DemoApplication {

  /** The modes {@link #main} runs the workload in, in order: every mode the bus has. */
  public static final List<ProcessingMode> MODES =
      List.of(
          ProcessingMode.SYNC, ProcessingMode.ASYNC, ProcessingMode.BATCH, ProcessingMode.ADAPTIVE);

  /** The ledger times out on the first call for about one order in 7, so payment retries show. */
  public static final int LEDGER_TIMEOUT_EVERY = 7;

  /** The ledger refuses single entries above 490.00, so a few payments fail for good. */
  public static final long LEDGER_LIMIT_CENTS = 49_000;

  /**
   * The limit after the "fix", above the largest amount the workload places, so every refused
   * payment books when its dead letter is replayed.
   */
  public static final long RAISED_LEDGER_LIMIT_CENTS = 100_000;

  /** How long a run may wait for the bus to finish with the workload's events. */
  public static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

  /** How long stopping the bus may wait for queued deliveries. */
  public static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

  private DemoApplication() {}

  /**
   * Without arguments, runs the standard demo; with {@code --metrics [SECONDS]} or {@code --soak
   * MINUTES}, a load run instead (see {@link LoadCommand}).
   */
  public static void main(String[] args) throws InterruptedException, TimeoutException {
    if (LoadCommand.wants(args)) {
      int exitCode = LoadCommand.run(args, System.out, System.console() != null);
      if (exitCode != 0) {
        System.exit(exitCode);
      }
      return;
    }
    print(DemoSettings.standard(), System.out);
  }

  /**
   * Runs the workload of {@code settings} in every mode and prints what happened to {@code out}.
   */
  public static void print(DemoSettings settings, PrintStream out)
      throws InterruptedException, TimeoutException {
    List<String> modes = new ArrayList<>();
    for (ProcessingMode mode : MODES) {
      modes.add(mode.name());
    }
    out.println(
        "Unified Event Bus demo: the same "
            + settings.orders()
            + " orders (seed "
            + settings.seed()
            + ") in "
            + String.join(", ", modes)
            + " mode,");
    out.println(
        "each on a fresh bus injected into every service. The ledger times out on the first call"
            + " for");
    out.println(
        "about 1 order in "
            + LEDGER_TIMEOUT_EVERY
            + " (payments get "
            + BillingService.LEDGER_RETRY.maxAttempts()
            + " attempts) and refuses single entries over "
            + Money.format(LEDGER_LIMIT_CENTS)
            + ".");
    List<DemoReport> reports = new ArrayList<>();
    for (ProcessingMode mode : MODES) {
      DemoReport report = run(settings, mode);
      reports.add(report);
      out.println();
      report.lines().forEach(out::println);
    }
    out.println();
    out.println(comparison(reports));
    DemoReport.table(reports).forEach(out::println);
  }

  /** Runs the workload of {@code settings} once in each of {@link #MODES}. */
  public static List<DemoReport> runAll(DemoSettings settings)
      throws InterruptedException, TimeoutException {
    List<DemoReport> reports = new ArrayList<>();
    for (ProcessingMode mode : MODES) {
      reports.add(run(settings, mode));
    }
    return reports;
  }

  /**
   * Wires the application around a new bus whose services subscribe in {@code mode}, runs the
   * workload, waits for its deliveries, replays the dead letters after raising the ledger's limit,
   * stops the bus and returns what happened.
   *
   * @throws TimeoutException if the bus had not finished with the workload after {@link
   *     #DELIVERY_TIMEOUT}
   */
  public static DemoReport run(DemoSettings settings, ProcessingMode mode)
      throws InterruptedException, TimeoutException {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(mode, "mode");
    FailureLog failures = new FailureLog();
    try (UnifiedEventBus bus =
        EventBusFactory.builder()
            .exceptionHandler(failures)
            .filter(event -> !OrderService.isSynthetic(event))
            .build()) {
      Ledger ledger = new Ledger(LEDGER_TIMEOUT_EVERY, LEDGER_LIMIT_CENTS);
      BillingService billing = new BillingService(bus, ledger, mode);
      FulfilmentService fulfilment = new FulfilmentService(bus, mode);
      AuditTrail audit = new AuditTrail(bus, mode);
      OrderService orders = new OrderService(bus);
      DeadLetterQueue deadLetters =
          bus.deadLetters()
              .orElseThrow(() -> new IllegalStateException("the bus keeps no dead letters"));

      long start = System.nanoTime();
      new OrderWorkload(settings.seed(), settings.orders()).drive(orders);
      // In queued modes the publishes returned before the handlers ran. Once every publishAsync
      // future has completed, each delivery succeeded or failed for good and was dead-lettered.
      orders.awaitDeliveries(DELIVERY_TIMEOUT);
      List<HandlerFailure> kept = deadLetters.list();

      // The fix, then the replay. A replay redelivers on this thread to the subscription that
      // failed, so it needs the bus still running: it comes before the stop.
      ledger.raiseLimit(RAISED_LEDGER_LIMIT_CENTS);
      DeadLetterQueue.ReplayReport replay = deadLetters.replayAll();
      int left = deadLetters.size();

      ShutdownReport shutdown = bus.stop(SHUTDOWN_TIMEOUT);
      Duration wallTime = Duration.ofNanos(System.nanoTime() - start);

      // Only now, with the bus stopped and nothing left running, are the services and the
      // counters final.
      return new DemoReport(
          mode,
          settings,
          orders.publishedEvents(),
          orders.publishFailures(),
          failures.failures(),
          kept,
          replay,
          left,
          audit.countsByType(),
          billing.summary(),
          fulfilment.summary(),
          bus.stats(),
          shutdown,
          wallTime);
    }
  }

  /** Whether every run ended with the outcome of the first, or which ones did not. */
  static String comparison(List<DemoReport> reports) {
    if (reports.isEmpty()) {
      return "No mode was run.";
    }
    DemoReport first = reports.get(0);
    List<ProcessingMode> differing = new ArrayList<>();
    for (DemoReport report : reports) {
      if (!report.outcome().equals(first.outcome())) {
        differing.add(report.mode());
      }
    }
    return differing.isEmpty()
        ? "Every mode ended with the same failures, dead letters, services and counters:"
        : "These modes ended differently from " + first.mode() + ": " + differing;
  }
}
